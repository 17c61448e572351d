/**
 * The DICOM attributes the ECG reader uses, in dicom-parser's key form (xGGGGEEEE, lower case).
 */
export const TAG = {
  specificCharacterSet: 'x00080005',
  sopClassUid: 'x00080016',
  studyDate: 'x00080020',
  acquisitionDate: 'x00080022',
  contentDate: 'x00080023',
  acquisitionDateTime: 'x0008002a',
  studyTime: 'x00080030',
  acquisitionTime: 'x00080032',
  contentTime: 'x00080033',
  manufacturer: 'x00080070',
  institutionName: 'x00080080',
  institutionalDepartmentName: 'x00081040',
  manufacturerModelName: 'x00081090',
  patientName: 'x00100010',
  patientId: 'x00100020',
  patientBirthDate: 'x00100030',
  patientSex: 'x00100040',
  patientAge: 'x00101010',
  patientSize: 'x00101020',
  patientWeight: 'x00101030',
  softwareVersions: 'x00181020',

  waveformSequence: 'x54000100',
  multiplexGroupLabel: 'x003a0020',
  numberOfWaveformChannels: 'x003a0005',
  numberOfWaveformSamples: 'x003a0010',
  samplingFrequency: 'x003a001a',
  channelDefinitionSequence: 'x003a0200',
  channelLabel: 'x003a0203',
  channelSourceSequence: 'x003a0208',
  channelSensitivity: 'x003a0210',
  channelSensitivityUnitsSequence: 'x003a0211',
  channelSensitivityCorrectionFactor: 'x003a0212',
  channelBaseline: 'x003a0213',
  filterLowFrequency: 'x003a0220',
  filterHighFrequency: 'x003a0221',
  notchFilterFrequency: 'x003a0222',
  waveformBitsAllocated: 'x54001004',
  waveformSampleInterpretation: 'x54001006',
  waveformPaddingValue: 'x5400100a',
  waveformData: 'x54001010',

  waveformAnnotationSequence: 'x0040b020',
  unformattedTextValue: 'x00700006',
  conceptNameCodeSequence: 'x0040a043',
  conceptCodeSequence: 'x0040a168',
  numericValue: 'x0040a30a',
  measurementUnitsCodeSequence: 'x004008ea',
  referencedWaveformChannels: 'x0040a0b0',
  temporalRangeType: 'x0040a130',
  referencedSamplePositions: 'x0040a132',
  referencedTimeOffsets: 'x0040a138',

  codeValue: 'x00080100',
  codingSchemeDesignator: 'x00080102',
  codeMeaning: 'x00080104',
  longCodeValue: 'x00080119',
} as const;

/**
 * Sequences the reader walks. In implicit-VR files nothing marks an element as a sequence, so
 * dicom-parser is told these explicitly rather than left to guess from the first item tag.
 */
export const SEQUENCE_TAGS: ReadonlySet<string> = new Set([
  TAG.waveformSequence,
  TAG.channelDefinitionSequence,
  TAG.channelSourceSequence,
  TAG.channelSensitivityUnitsSequence,
  TAG.waveformAnnotationSequence,
  TAG.conceptNameCodeSequence,
  TAG.conceptCodeSequence,
  TAG.measurementUnitsCodeSequence,
]);

/** Names of the SOP classes worth naming in a message; any other is shown by its UID alone. */
export const SOP_CLASS_NAMES: ReadonlyMap<string, string> = new Map([
  ['1.2.840.10008.5.1.4.1.1.9.1.1', '12-lead ECG Waveform Storage'],
  ['1.2.840.10008.5.1.4.1.1.9.1.2', 'General ECG Waveform Storage'],
  ['1.2.840.10008.5.1.4.1.1.9.1.3', 'Ambulatory ECG Waveform Storage'],
  ['1.2.840.10008.5.1.4.1.1.9.2.1', 'Hemodynamic Waveform Storage'],
  ['1.2.840.10008.5.1.4.1.1.9.3.1', 'Cardiac Electrophysiology Waveform Storage'],
  ['1.2.840.10008.5.1.4.1.1.9.4.1', 'Basic Voice Audio Waveform Storage'],
  ['1.2.840.10008.5.1.4.1.1.2', 'CT Image Storage'],
  ['1.2.840.10008.5.1.4.1.1.4', 'MR Image Storage'],
  ['1.2.840.10008.5.1.4.1.1.7', 'Secondary Capture Image Storage'],
  ['1.2.840.10008.5.1.4.1.1.6.1', 'Ultrasound Image Storage'],
  ['1.2.840.10008.5.1.4.1.1.104.1', 'Encapsulated PDF Storage'],
]);
