/**
 * A problem found inside an SCP-ECG file. The parser turns it into an EcgParseError naming the file,
 * so the section readers stay free of file names.
 */
export class ScpFormatError extends Error {
  constructor(problem: string) {
    super(problem);
    this.name = 'ScpFormatError';
  }
}
