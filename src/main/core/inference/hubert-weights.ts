/**
 * Maps a HuBERT-ECG state dict (safetensors) onto the tensors the ONNX builder needs, checking
 * every key: a missing key, an unexpected key or a wrong shape is an error that names it, because
 * upstream loads with strict=False and a mismatch would otherwise fail silently.
 */
import type { HubertConfig } from './hubert-config.ts';
import { ModelImportError } from './model-import-error.ts';
import type { Float32Tensor, SafetensorsFile } from './safetensors.ts';

export interface AffineWeights {
  weight: Float32Array;
  bias: Float32Array;
}

/** torch Linear layout: weight [out, in]. */
export interface LinearWeights extends AffineWeights {
  outFeatures: number;
  inFeatures: number;
}

export interface EncoderLayerWeights {
  q: LinearWeights;
  k: LinearWeights;
  v: LinearWeights;
  out: LinearWeights;
  attentionLayerNorm: AffineWeights;
  intermediate: LinearWeights;
  output: LinearWeights;
  finalLayerNorm: AffineWeights;
}

export type HeadWeights =
  | { kind: 'none' }
  | { kind: 'linear'; classifier: LinearWeights }
  | { kind: 'tanh-mlp'; hidden: LinearWeights; output: LinearWeights };

export interface HubertWeights {
  /** torch Conv1d layout [out, in, kernel]. */
  convWeights: Float32Array[];
  convBiases: Float32Array[] | undefined;
  firstConvGroupNorm: AffineWeights;
  featureProjectionLayerNorm: AffineWeights | undefined;
  featureProjection: LinearWeights;
  /** The weight-normed positional conv, materialised as g·v/‖v‖: [hidden, hidden/groups, kernel]. */
  posConvWeight: Float32Array;
  posConvBias: Float32Array;
  encoderLayerNorm: AffineWeights;
  layers: EncoderLayerWeights[];
  head: HeadWeights;
  numLabels: number;
}

const BACKBONE_PREFIX = 'hubert_ecg.';
/** Pre-training and masking parameters that inference never uses: known, and deliberately dropped. */
const IGNORED_BACKBONE_KEYS = [/^masked_spec_embed$/, /^label_embedding\.\d+\.weight$/, /^final_proj\.\d+\.(weight|bias)$/];

export function mapHubertWeights(config: HubertConfig, file: SafetensorsFile): HubertWeights {
  const keys = new Set(file.tensors.keys());
  const prefix = [...keys].some((k) => k.startsWith(BACKBONE_PREFIX)) ? BACKBONE_PREFIX : '';
  const consumed = new Set<string>();
  const missing: string[] = [];
  const fail = (problem: string): never => {
    throw new ModelImportError(file.fileName, problem);
  };

  const take = (key: string, shape: number[]): Float32Array => {
    const tensor = file.tensors.get(key);
    if (!tensor) {
      missing.push(key);
      return new Float32Array(0);
    }
    consumed.add(key);
    checkShape(key, tensor, shape, fail);
    return tensor.data;
  };
  const backbone = (key: string, shape: number[]) => take(prefix + key, shape);
  const affine = (key: string, size: number): AffineWeights => ({
    weight: backbone(`${key}.weight`, [size]),
    bias: backbone(`${key}.bias`, [size]),
  });
  const linear = (key: string, outFeatures: number, inFeatures: number, withPrefix = true): LinearWeights => {
    const get = withPrefix ? backbone : take;
    return {
      weight: get(`${key}.weight`, [outFeatures, inFeatures]),
      bias: get(`${key}.bias`, [outFeatures]),
      outFeatures,
      inFeatures,
    };
  };

  const { convDims, convKernels, hiddenSize: hidden, intermediateSize } = config;
  const lastConvDim = convDims[convDims.length - 1];
  const convWeights = convDims.map((dim, i) =>
    backbone(`feature_extractor.conv_layers.${i}.conv.weight`, [dim, i === 0 ? 1 : convDims[i - 1], convKernels[i]]),
  );
  const convBiases = config.convBias
    ? convDims.map((dim, i) => backbone(`feature_extractor.conv_layers.${i}.conv.bias`, [dim]))
    : undefined;
  const firstConvGroupNorm = affine('feature_extractor.conv_layers.0.layer_norm', convDims[0]);
  const featureProjectionLayerNorm = config.featProjLayerNorm
    ? affine('feature_projection.layer_norm', lastConvDim)
    : undefined;
  const featureProjection = linear('feature_projection.projection', hidden, lastConvDim);
  const posConvWeight = positionalConvWeight(config, prefix, file, take, fail);
  const posConvBias = backbone('encoder.pos_conv_embed.conv.bias', [hidden]);
  const encoderLayerNorm = affine('encoder.layer_norm', hidden);
  const layers: EncoderLayerWeights[] = [];
  for (let i = 0; i < config.numHiddenLayers; i++) {
    const at = `encoder.layers.${i}`;
    layers.push({
      q: linear(`${at}.attention.q_proj`, hidden, hidden),
      k: linear(`${at}.attention.k_proj`, hidden, hidden),
      v: linear(`${at}.attention.v_proj`, hidden, hidden),
      out: linear(`${at}.attention.out_proj`, hidden, hidden),
      attentionLayerNorm: affine(`${at}.layer_norm`, hidden),
      intermediate: linear(`${at}.feed_forward.intermediate_dense`, intermediateSize, hidden),
      output: linear(`${at}.feed_forward.output_dense`, hidden, intermediateSize),
      finalLayerNorm: affine(`${at}.final_layer_norm`, hidden),
    });
  }
  const head = headWeights(config, file, linear, fail);

  const unexpected = [...keys].filter(
    (k) => !consumed.has(k) && !(k.startsWith(prefix) && IGNORED_BACKBONE_KEYS.some((re) => re.test(k.slice(prefix.length)))),
  );
  if (missing.length > 0) fail(`missing ${describeKeys(missing)} for this config`);
  if (unexpected.length > 0) fail(`unexpected ${describeKeys(unexpected)} that this architecture does not use`);

  const numLabels = head.kind === 'none' ? 0 : head.kind === 'linear' ? head.classifier.outFeatures : head.output.outFeatures;
  return {
    convWeights,
    convBiases,
    firstConvGroupNorm,
    featureProjectionLayerNorm,
    featureProjection,
    posConvWeight,
    posConvBias,
    encoderLayerNorm,
    layers,
    head,
    numLabels,
  };
}

function describeKeys(keys: string[]): string {
  const shown = keys.slice(0, 5).map((k) => `'${k}'`).join(', ');
  const more = keys.length > 5 ? ` and ${keys.length - 5} more` : '';
  return `${keys.length === 1 ? 'key' : 'keys'} ${shown}${more}`;
}

function checkShape(key: string, tensor: Float32Tensor, expected: number[], fail: (problem: string) => never): void {
  const same = tensor.shape.length === expected.length && tensor.shape.every((d, i) => d === expected[i]);
  if (!same) fail(`tensor '${key}' has shape [${tensor.shape.join(', ')}], expected [${expected.join(', ')}]`);
}

type Take = (key: string, shape: number[]) => Float32Array;
type LinearOf = (key: string, outFeatures: number, inFeatures: number, withPrefix?: boolean) => LinearWeights;

/** Accepts weight_g/weight_v (old torch), parametrizations.weight.original0/1 (new torch) or a plain weight. */
function positionalConvWeight(
  config: HubertConfig,
  prefix: string,
  file: SafetensorsFile,
  take: Take,
  fail: (problem: string) => never,
): Float32Array {
  const at = `${prefix}encoder.pos_conv_embed.conv`;
  const { hiddenSize: hidden, posConvKernel: kernel } = config;
  const vShape = [hidden, hidden / config.posConvGroups, kernel];
  if (file.tensors.has(`${at}.weight`)) return take(`${at}.weight`, vShape);
  const style = file.tensors.has(`${at}.parametrizations.weight.original1`)
    ? { g: `${at}.parametrizations.weight.original0`, v: `${at}.parametrizations.weight.original1` }
    : { g: `${at}.weight_g`, v: `${at}.weight_v` };
  const g = take(style.g, [1, 1, kernel]);
  const v = take(style.v, vShape);
  if (g.length === 0 || v.length === 0) return new Float32Array(0);
  return materialiseWeightNorm(g, v, kernel, `${style.v}`, fail);
}

/** torch weight_norm(dim=2): w[o, i, k] = g[k] · v[o, i, k] / ‖v[:, :, k]‖. */
function materialiseWeightNorm(
  g: Float32Array,
  v: Float32Array,
  kernel: number,
  vKey: string,
  fail: (problem: string) => never,
): Float32Array {
  const sumSquares = new Float64Array(kernel);
  for (let i = 0; i < v.length; i++) sumSquares[i % kernel] += v[i] * v[i];
  const factor = new Float64Array(kernel);
  for (let k = 0; k < kernel; k++) {
    if (!(sumSquares[k] > 0)) fail(`tensor '${vKey}' has an all-zero or non-finite slice at kernel position ${k}`);
    factor[k] = g[k] / Math.sqrt(sumSquares[k]);
  }
  const weight = new Float32Array(v.length);
  for (let i = 0; i < v.length; i++) weight[i] = v[i] * factor[i % kernel];
  return weight;
}

function headWeights(
  config: HubertConfig,
  file: SafetensorsFile,
  linear: LinearOf,
  fail: (problem: string) => never,
): HeadWeights {
  const hidden = config.hiddenSize;
  const rows = (key: string): number => file.tensors.get(key)?.shape[0] ?? 0;
  if (file.tensors.has('classifier.0.weight') || config.classifierHiddenSize !== null) {
    const hiddenUnits = config.classifierHiddenSize ?? rows('classifier.0.weight');
    const labels = config.numLabels ?? rows('classifier.2.weight');
    return {
      kind: 'tanh-mlp',
      hidden: linear('classifier.0', hiddenUnits, hidden, false),
      output: linear('classifier.2', labels, hiddenUnits, false),
    };
  }
  if (file.tensors.has('classifier.weight') || config.numLabels !== undefined) {
    const labels = config.numLabels ?? rows('classifier.weight');
    if (labels === 0) fail(`tensor 'classifier.weight' has no rows`);
    return { kind: 'linear', classifier: linear('classifier', labels, hidden, false) };
  }
  return { kind: 'none' };
}
