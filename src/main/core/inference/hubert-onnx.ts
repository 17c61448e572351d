/**
 * Builds the HuBERT-ECG forward pass (transformers' HubertModel, post-LN encoder, plus mean
 * pooling and the fine-tuning head) as an ONNX graph from mapped checkpoint weights.
 * Input "input" float32 [batch, samples]; outputs "last_hidden_state" [batch, frames, hidden],
 * "pooled_embedding" [batch, hidden] and, with a head, "logits" [batch, labels].
 */
import type { HubertConfig } from './hubert-config.ts';
import type { AffineWeights, HubertWeights, LinearWeights } from './hubert-weights.ts';
import { OnnxGraphBuilder, type ValueInfo } from './onnx-graph-builder.ts';
import { quantizeColumnsInt8 } from './int8-quantization.ts';

export type WeightPrecision = 'fp32' | 'int8';

export interface HubertOnnxOptions {
  /** int8: dynamic quantisation of the transformer's MatMul weights (per output column, symmetric). */
  weightPrecision?: WeightPrecision;
}

export const HUBERT_INPUT_NAME = 'input';
export const HUBERT_OUTPUTS = { logits: 'logits', pooled: 'pooled_embedding', lastHiddenState: 'last_hidden_state' } as const;

/** LayerNormalization needs opset 17; everything else is older. */
const ONNX_OPSET = 17;
/** torch.nn.GroupNorm's default epsilon, which HubertGroupNormConvLayer keeps. */
const GROUP_NORM_EPS = 1e-5;

export function buildHubertOnnx(config: HubertConfig, weights: HubertWeights, options: HubertOnnxOptions = {}): Uint8Array {
  const graph = new HubertGraph(config, options.weightPrecision ?? 'fp32');
  const outputs = graph.forward(weights);
  const hidden = config.hiddenSize;
  const outputInfos: ValueInfo[] = [
    { name: HUBERT_OUTPUTS.lastHiddenState, elementType: 'float', shape: ['batch', 'frames', hidden] },
    { name: HUBERT_OUTPUTS.pooled, elementType: 'float', shape: ['batch', hidden] },
  ];
  if (outputs.hasLogits) outputInfos.push({ name: HUBERT_OUTPUTS.logits, elementType: 'float', shape: ['batch', weights.numLabels] });
  return graph.builder.encode({
    graphName: 'hubert_ecg',
    docString: `HuBERT-ECG (hidden ${hidden}, ${config.numHiddenLayers} layers, head ${weights.head.kind}, ${options.weightPrecision ?? 'fp32'})`,
    inputs: [{ name: HUBERT_INPUT_NAME, elementType: 'float', shape: ['batch', 'samples'] }],
    outputs: outputInfos,
    opsets: [{ domain: '', version: ONNX_OPSET }],
  });
}

class HubertGraph {
  readonly builder = new OnnxGraphBuilder();

  constructor(
    private readonly config: HubertConfig,
    private readonly precision: WeightPrecision,
  ) {}

  forward(w: HubertWeights): { hasLogits: boolean } {
    const b = this.builder;
    const c = this.config;
    let x = b.node('Unsqueeze', [HUBERT_INPUT_NAME, b.int64Constant([1])]);
    for (let i = 0; i < c.convDims.length; i++) {
      const inChannels = i === 0 ? 1 : c.convDims[i - 1];
      const convInputs = [x, b.floatInitializer(`conv${i}_weight`, [c.convDims[i], inChannels, c.convKernels[i]], w.convWeights[i])];
      if (w.convBiases) convInputs.push(b.floatInitializer(`conv${i}_bias`, [c.convDims[i]], w.convBiases[i]));
      x = b.node('Conv', convInputs, { kernel_shape: [c.convKernels[i]], strides: [c.convStrides[i]] });
      // GroupNorm with one group per channel is exactly InstanceNormalization.
      if (i === 0) x = b.node('InstanceNormalization', [x, ...this.affine('conv0_group_norm', w.firstConvGroupNorm)], { epsilon: { float: GROUP_NORM_EPS } });
      x = this.gelu(x);
    }
    x = b.node('Transpose', [x], { perm: [0, 2, 1] });
    if (w.featureProjectionLayerNorm) x = this.layerNorm(x, 'feature_projection_ln', w.featureProjectionLayerNorm);
    x = this.linear(x, 'feature_projection', w.featureProjection, false);
    x = b.node('Add', [x, this.positionalEmbedding(x, w)]);
    x = this.layerNorm(x, 'encoder_ln', w.encoderLayerNorm);
    w.layers.forEach((layer, i) => {
      const attention = this.selfAttention(x, `layer${i}`, layer.q, layer.k, layer.v, layer.out);
      x = this.layerNorm(b.node('Add', [x, attention]), `layer${i}_attention_ln`, layer.attentionLayerNorm);
      const intermediate = this.gelu(this.linear(x, `layer${i}_intermediate`, layer.intermediate));
      const feedForward = this.linear(intermediate, `layer${i}_output`, layer.output);
      x = this.layerNorm(b.node('Add', [x, feedForward]), `layer${i}_final_ln`, layer.finalLayerNorm);
    });
    b.output(x, HUBERT_OUTPUTS.lastHiddenState);
    const pooled = b.node('ReduceMean', [x], { axes: [1], keepdims: 0 });
    b.output(pooled, HUBERT_OUTPUTS.pooled);
    const head = w.head;
    if (head.kind === 'none') return { hasLogits: false };
    const logits =
      head.kind === 'linear'
        ? this.gemm(pooled, 'classifier', head.classifier)
        : this.gemm(b.node('Tanh', [this.gemm(pooled, 'classifier_0', head.hidden)]), 'classifier_2', head.output);
    b.output(logits, HUBERT_OUTPUTS.logits);
    return { hasLogits: true };
  }

  /** Weight-normed grouped conv over time, same padding (the last frame dropped for an even kernel), GELU. */
  private positionalEmbedding(x: string, w: HubertWeights): string {
    const b = this.builder;
    const { hiddenSize: hidden, posConvKernel: kernel, posConvGroups: groups } = this.config;
    const channelsFirst = b.node('Transpose', [x], { perm: [0, 2, 1] });
    const padding = Math.floor(kernel / 2);
    let p = b.node(
      'Conv',
      [
        channelsFirst,
        b.floatInitializer('pos_conv_weight', [hidden, hidden / groups, kernel], w.posConvWeight),
        b.floatInitializer('pos_conv_bias', [hidden], w.posConvBias),
      ],
      { kernel_shape: [kernel], pads: [padding, padding], group: groups },
    );
    if (kernel % 2 === 0) p = b.node('Slice', [p, b.int64Constant([0]), b.int64Constant([-1]), b.int64Constant([2])]);
    return b.node('Transpose', [this.gelu(p)], { perm: [0, 2, 1] });
  }

  /** transformers' HubertAttention without a mask; the 1/sqrt(head_dim) scaling is folded into q. */
  private selfAttention(x: string, name: string, q: LinearWeights, k: LinearWeights, v: LinearWeights, out: LinearWeights): string {
    const b = this.builder;
    const hidden = this.config.hiddenSize;
    const heads = this.config.numAttentionHeads;
    const headDim = hidden / heads;
    const scaling = 1 / Math.sqrt(headDim);
    const fused = fuseQkv(q, k, v, scaling);
    const qkv = this.linear(x, `${name}_qkv`, fused);
    const [qs, ks, vs] = b.nodeN('Split', [qkv, b.int64Constant([hidden, hidden, hidden])], ['q', 'k', 'v'], { axis: 2 });
    const perHead = (t: string) => b.node('Reshape', [t, b.int64Constant([0, 0, heads, headDim])]);
    const queries = b.node('Transpose', [perHead(qs)], { perm: [0, 2, 1, 3] });
    const keysT = b.node('Transpose', [perHead(ks)], { perm: [0, 2, 3, 1] });
    const values = b.node('Transpose', [perHead(vs)], { perm: [0, 2, 1, 3] });
    const probabilities = b.node('Softmax', [b.node('MatMul', [queries, keysT])], { axis: -1 });
    const context = b.node('Transpose', [b.node('MatMul', [probabilities, values])], { perm: [0, 2, 1, 3] });
    const merged = b.node('Reshape', [context, b.int64Constant([0, 0, hidden])]);
    return this.linear(merged, `${name}_out`, out);
  }

  /** x·Wᵀ + b on [batch, frames, in]; int8 precision quantises W per output column. */
  private linear(x: string, name: string, weights: LinearWeights, quantizable = true): string {
    const b = this.builder;
    const transposed = transposeMatrix(weights.weight, weights.outFeatures, weights.inFeatures);
    const bias = b.floatInitializer(`${name}_bias`, [weights.outFeatures], weights.bias);
    if (this.precision === 'fp32' || !quantizable) {
      const product = b.node('MatMul', [x, b.floatInitializer(`${name}_weight`, [weights.inFeatures, weights.outFeatures], transposed)]);
      return b.node('Add', [product, bias]);
    }
    const quantized = quantizeColumnsInt8(transposed, weights.inFeatures, weights.outFeatures);
    const [xq, xScale, xZeroPoint] = b.nodeN('DynamicQuantizeLinear', [x], ['x_q', 'x_scale', 'x_zero_point']);
    const wq = b.int8Initializer(`${name}_weight_q`, [weights.inFeatures, weights.outFeatures], quantized.values);
    const wZeroPoint = b.int8Initializer(`${name}_weight_zero_point`, [weights.outFeatures], new Int8Array(weights.outFeatures));
    const wScale = b.floatInitializer(`${name}_weight_scale`, [weights.outFeatures], quantized.scales);
    const integerProduct = b.node('MatMulInteger', [xq, wq, xZeroPoint, wZeroPoint]);
    const scale = b.node('Mul', [xScale, wScale]);
    const product = b.node('Mul', [b.node('Cast', [integerProduct], { to: 1 }), scale]);
    return b.node('Add', [product, bias]);
  }

  /** The head on the pooled [batch, hidden] vector, kept in torch's [out, in] layout via transB. */
  private gemm(x: string, name: string, weights: LinearWeights): string {
    const b = this.builder;
    return b.node('Gemm', [
      x,
      b.floatInitializer(`${name}_weight`, [weights.outFeatures, weights.inFeatures], weights.weight),
      b.floatInitializer(`${name}_bias`, [weights.outFeatures], weights.bias),
    ], { transB: 1 });
  }

  private layerNorm(x: string, name: string, weights: AffineWeights): string {
    return this.builder.node('LayerNormalization', [x, ...this.affine(name, weights)], {
      axis: -1,
      epsilon: { float: this.config.layerNormEps },
    });
  }

  private affine(name: string, weights: AffineWeights): [string, string] {
    const size = weights.weight.length;
    return [
      this.builder.floatInitializer(`${name}_weight`, [size], weights.weight),
      this.builder.floatInitializer(`${name}_bias`, [size], weights.bias),
    ];
  }

  /** Exact (erf) GELU, written as the pattern onnxruntime fuses into one Gelu kernel. */
  private gelu(x: string): string {
    const b = this.builder;
    const erf = b.node('Erf', [b.node('Div', [x, b.floatScalar(Math.SQRT2)])]);
    return b.node('Mul', [b.node('Mul', [x, b.node('Add', [erf, b.floatScalar(1)])]), b.floatScalar(0.5)]);
  }
}

function transposeMatrix(values: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(values.length);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) out[c * rows + r] = values[r * cols + c];
  }
  return out;
}

/** One [3·hidden, hidden] projection for q, k and v: a single larger MatMul is faster than three. */
function fuseQkv(q: LinearWeights, k: LinearWeights, v: LinearWeights, qScaling: number): LinearWeights {
  const hidden = q.inFeatures;
  const weight = new Float32Array(3 * q.weight.length);
  const bias = new Float32Array(3 * hidden);
  q.weight.forEach((value, i) => (weight[i] = value * qScaling));
  weight.set(k.weight, q.weight.length);
  weight.set(v.weight, 2 * q.weight.length);
  q.bias.forEach((value, i) => (bias[i] = value * qScaling));
  bias.set(k.bias, hidden);
  bias.set(v.bias, 2 * hidden);
  return { weight, bias, outFeatures: 3 * q.outFeatures, inFeatures: hidden };
}
