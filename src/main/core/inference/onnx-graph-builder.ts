/** A small typed helper over onnx-proto for building an ONNX graph node by node with unique names. */
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

export type AttributeValue = number | number[] | string | { float: number };
export type TensorElementType = 'float' | 'int64' | 'int8' | 'uint8';

const ELEMENT_TYPES: Record<TensorElementType, number> = {
  float: onnx.TensorProto.DataType.FLOAT,
  int64: onnx.TensorProto.DataType.INT64,
  int8: onnx.TensorProto.DataType.INT8,
  uint8: onnx.TensorProto.DataType.UINT8,
};

export interface ValueInfo {
  name: string;
  elementType: TensorElementType;
  /** A number is a fixed size, a string a symbolic (dynamic) one. */
  shape: (number | string)[];
}

export interface OpsetImport {
  domain: string;
  version: number;
}

export class OnnxGraphBuilder {
  private readonly nodes: onnxProto.onnx.INodeProto[] = [];
  private readonly initializers: onnxProto.onnx.ITensorProto[] = [];
  private readonly usedNames = new Set<string>();
  private readonly constants = new Map<string, string>();

  /** A fresh value name starting with `hint`. */
  name(hint: string): string {
    let candidate = hint;
    for (let n = 1; this.usedNames.has(candidate); n++) candidate = `${hint}_${n}`;
    this.usedNames.add(candidate);
    return candidate;
  }

  floatInitializer(hint: string, dims: number[], values: Float32Array): string {
    return this.addInitializer(hint, dims, 'float', new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
  }

  int8Initializer(hint: string, dims: number[], values: Int8Array): string {
    return this.addInitializer(hint, dims, 'int8', new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
  }

  /** Small int64 constants (shapes, axes) are shared by value. */
  int64Constant(values: number[]): string {
    const key = `i64:${values.join(',')}`;
    const existing = this.constants.get(key);
    if (existing) return existing;
    const data = new BigInt64Array(values.map((v) => BigInt(v)));
    const name = this.addInitializer(`const_i64_${values.join('_').replace(/-/g, 'm')}`, [values.length], 'int64', new Uint8Array(data.buffer));
    this.constants.set(key, name);
    return name;
  }

  /** A float scalar constant, shared by value. */
  floatScalar(value: number): string {
    const key = `f32:${value}`;
    const existing = this.constants.get(key);
    if (existing) return existing;
    const name = this.addInitializer('const_f32', [], 'float', new Uint8Array(new Float32Array([value]).buffer));
    this.constants.set(key, name);
    return name;
  }

  /** Adds a node and returns the names of its outputs (one fresh name per `outputHints` entry). */
  nodeN(
    opType: string,
    inputs: string[],
    outputHints: string[],
    attributes: Record<string, AttributeValue> = {},
    domain = '',
  ): string[] {
    const outputs = outputHints.map((hint) => this.name(hint));
    this.nodes.push({
      opType,
      domain,
      name: this.name(`${opType}_node`),
      input: inputs,
      output: outputs,
      attribute: Object.entries(attributes).map(([name, value]) => attribute(name, value)),
    });
    return outputs;
  }

  node(opType: string, inputs: string[], attributes: Record<string, AttributeValue> = {}, domain = ''): string {
    return this.nodeN(opType, inputs, [opType.toLowerCase()], attributes, domain)[0];
  }

  /** Renames a value to a graph output name by routing it through Identity. */
  output(value: string, name: string): string {
    this.usedNames.add(name);
    this.nodes.push({ opType: 'Identity', name: this.name('output_node'), input: [value], output: [name] });
    return name;
  }

  encode(options: { graphName: string; inputs: ValueInfo[]; outputs: ValueInfo[]; opsets: OpsetImport[]; docString: string }): Uint8Array {
    const model = onnx.ModelProto.create({
      irVersion: 8,
      producerName: 'ecg-desk',
      docString: options.docString,
      opsetImport: options.opsets.map((o) => ({ domain: o.domain, version: o.version })),
      graph: {
        name: options.graphName,
        node: this.nodes,
        initializer: this.initializers,
        input: options.inputs.map(valueInfo),
        output: options.outputs.map(valueInfo),
      },
    });
    return onnx.ModelProto.encode(model).finish();
  }

  private addInitializer(hint: string, dims: number[], elementType: TensorElementType, rawData: Uint8Array): string {
    const name = this.name(hint);
    this.initializers.push({ name, dims, dataType: ELEMENT_TYPES[elementType], rawData });
    return name;
  }
}

function attribute(name: string, value: AttributeValue): onnxProto.onnx.IAttributeProto {
  const types = onnx.AttributeProto.AttributeType;
  if (typeof value === 'string') return { name, type: types.STRING, s: new TextEncoder().encode(value) };
  if (Array.isArray(value)) return { name, type: types.INTS, ints: value };
  if (typeof value === 'object') return { name, type: types.FLOAT, f: value.float };
  return { name, type: types.INT, i: value };
}

function valueInfo(info: ValueInfo): onnxProto.onnx.IValueInfoProto {
  return {
    name: info.name,
    type: {
      tensorType: {
        elemType: ELEMENT_TYPES[info.elementType],
        shape: { dim: info.shape.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}
