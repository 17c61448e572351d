/**
 * A small element tree over fast-xml-parser's ordered output, with the few queries the vendor XML
 * parsers need (first child by name, all children by name, trimmed text). Namespace prefixes are dropped.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { EcgParseError } from '../parser.ts';

export interface XmlElement {
  name: string;
  attributes: Readonly<Record<string, string>>;
  children: XmlElement[];
  /** Concatenated text directly inside the element, trimmed. */
  text: string;
}

type OrderedNode = Record<string, unknown>;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
});

function toElement(name: string, node: OrderedNode): XmlElement {
  const attributes: Record<string, string> = {};
  const rawAttributes = node[':@'];
  if (rawAttributes && typeof rawAttributes === 'object') {
    for (const [key, value] of Object.entries(rawAttributes as Record<string, unknown>)) attributes[key] = String(value);
  }
  const children: XmlElement[] = [];
  const textParts: string[] = [];
  const content = node[name];
  if (Array.isArray(content)) {
    for (const item of content as OrderedNode[]) {
      if ('#text' in item) {
        textParts.push(String(item['#text']));
        continue;
      }
      const childName = Object.keys(item).find((key) => key !== ':@');
      if (childName !== undefined) children.push(toElement(childName, item));
    }
  }
  return { name, attributes, children, text: textParts.join('').trim() };
}

/** Parses well-formed XML to its root element, or throws EcgParseError saying where it is malformed. */
export function parseXmlTree(xmlText: string, fileName: string): XmlElement {
  const validation = XMLValidator.validate(xmlText);
  if (validation !== true) {
    const { msg, line, col } = validation.err;
    throw new EcgParseError(fileName, `malformed XML at line ${line}, column ${col}: ${msg}`);
  }
  let nodes: unknown;
  try {
    nodes = parser.parse(xmlText);
  } catch (error) {
    throw new EcgParseError(fileName, `malformed XML: ${(error as Error).message}`);
  }
  const rootNode = Array.isArray(nodes)
    ? (nodes as OrderedNode[]).find((node) => Object.keys(node).some((key) => key !== ':@' && !key.startsWith('?')))
    : undefined;
  const rootName = rootNode ? Object.keys(rootNode).find((key) => key !== ':@' && !key.startsWith('?')) : undefined;
  if (!rootNode || rootName === undefined) throw new EcgParseError(fileName, 'the XML document has no root element');
  return toElement(rootName, rootNode);
}

export function child(element: XmlElement | undefined, name: string): XmlElement | undefined {
  return element?.children.find((c) => c.name === name);
}

export function children(element: XmlElement | undefined, name: string): XmlElement[] {
  return element ? element.children.filter((c) => c.name === name) : [];
}

/** Follows a path of first children by name. */
export function descend(element: XmlElement | undefined, ...path: string[]): XmlElement | undefined {
  let current = element;
  for (const name of path) current = child(current, name);
  return current;
}

/** Trimmed text of the element at `path`, or undefined when absent or empty. */
export function textAt(element: XmlElement | undefined, ...path: string[]): string | undefined {
  const text = descend(element, ...path)?.text;
  return text ? text : undefined;
}

/** Finite number parsed from the text at `path`, or undefined (absent, empty, or not a number such as "Failed"). */
export function numberAt(element: XmlElement | undefined, ...path: string[]): number | undefined {
  return parseNumber(textAt(element, ...path));
}

export function parseNumber(text: string | undefined): number | undefined {
  if (text === undefined || !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text.trim())) return undefined;
  return Number(text);
}
