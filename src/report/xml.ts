/**
 * XML 1.0 text and attribute escaping. Characters XML 1.0 cannot carry at all (C0 controls other than
 * tab/newline/CR, lone surrogates, U+FFFE/U+FFFF) are dropped rather than escaped.
 */
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const stripInvalidXml = (text: string): string => text.replace(INVALID_XML, '');

export function xmlText(text: string): string {
  return stripInvalidXml(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Attribute values additionally escape quotes and keep whitespace controls as character references. */
function xmlAttr(text: string): string {
  return xmlText(text).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}

type Attrs = Record<string, string | number | undefined>;

const attrText = (attrs: Attrs): string =>
  Object.entries(attrs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${xmlAttr(String(v))}"`)
    .join('');

/** `<name a="..."/>`, or `<name a="...">body</name>` with an already-escaped body. */
export const xmlTag = (name: string, attrs: Attrs, body?: string): string =>
  body === undefined ? `<${name}${attrText(attrs)}/>` : `<${name}${attrText(attrs)}>${body}</${name}>`;

/** An opening tag only (the caller closes it). */
export const xmlOpen = (name: string, attrs: Attrs): string => `<${name}${attrText(attrs)}>`;
