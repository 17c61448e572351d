/**
 * The XML tree as fast-xml-parser gives it with every element in an array, attributes under "@"
 * and text under "#text", plus the few accessors the aECG reader needs.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export interface XmlElement {
  '@'?: Record<string, string>;
  '#text'?: string;
  [child: string]: XmlElement[] | Record<string, string> | string | undefined;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  attributesGroupName: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  alwaysCreateTextNode: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  isArray: (_name, _path, _isLeaf, isAttribute) => !isAttribute,
});

/** Parses an XML document; returns the problem as text when it is not well-formed XML. */
export function parseXml(xml: string): { root: XmlElement; rootName: string } | { problem: string } {
  const validation = XMLValidator.validate(xml);
  if (validation !== true) {
    return { problem: `not well-formed XML (${validation.err.msg} at line ${validation.err.line})` };
  }
  const document = parser.parse(xml) as Record<string, XmlElement[]>;
  const rootName = Object.keys(document).find((key) => Array.isArray(document[key]));
  const root = rootName ? document[rootName][0] : undefined;
  return root && rootName ? { root, rootName } : { problem: 'the XML document has no root element' };
}

export function children(element: XmlElement | undefined, name: string): XmlElement[] {
  const value = element?.[name];
  return Array.isArray(value) ? value : [];
}

export function child(element: XmlElement | undefined, name: string): XmlElement | undefined {
  return children(element, name)[0];
}

/** The first element along a path of child names. */
export function descend(element: XmlElement | undefined, ...names: string[]): XmlElement | undefined {
  return names.reduce<XmlElement | undefined>((current, name) => child(current, name), element);
}

export function attribute(element: XmlElement | undefined, name: string): string | undefined {
  const value = element?.['@']?.[name]?.trim();
  return value ? value : undefined;
}

export function textOf(element: XmlElement | undefined): string | undefined {
  const value = element?.['#text']?.trim();
  return value ? value : undefined;
}
