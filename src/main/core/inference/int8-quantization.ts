/** Symmetric per-column int8 quantisation of a [rows, cols] weight matrix for MatMulInteger. */
export interface ColumnQuantizedInt8 {
  values: Int8Array;
  /** One scale per column: weight ≈ value · scale. */
  scales: Float32Array;
}

export function quantizeColumnsInt8(weight: Float32Array, rows: number, cols: number): ColumnQuantizedInt8 {
  const maxAbs = new Float32Array(cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) maxAbs[c] = Math.max(maxAbs[c], Math.abs(weight[r * cols + c]));
  }
  // 127 keeps the range symmetric; an all-zero column keeps scale 1 so that nothing divides by zero.
  const scales = maxAbs.map((m) => (m > 0 ? m / 127 : 1));
  const values = new Int8Array(weight.length);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) values[r * cols + c] = Math.round(weight[r * cols + c] / scales[c]);
  }
  return { values, scales };
}
