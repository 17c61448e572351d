/** Errors of the model store and runtime, light enough for any caller to import (no onnxruntime). */

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

/** onnxruntime refused an input (e.g. too few samples for one frame); names the model and the shape. */
export class ModelRunError extends Error {
  override readonly name = 'ModelRunError';
}
