/** A checkpoint or model folder that cannot become an installed model: names the file and what is wrong. */
export class ModelImportError extends Error {
  override readonly name = 'ModelImportError';

  constructor(
    readonly fileName: string,
    readonly problem: string,
  ) {
    super(`${fileName}: ${problem}`);
  }
}
