/**
 * WeCom's XML bodies, parsed without entity expansion (no DOCTYPE, no `&xxe;`): a hostile body is a
 * 400, never a file read or a billion laughs. Values come back as flat strings.
 *
 *   const fields = parseXmlFields('<xml><Encrypt><![CDATA[…]]></Encrypt></xml>');
 *   fields?.Encrypt  // '…'   (undefined result: broken or hostile XML)
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export type XmlFields = Record<string, string>;

const parser = new XMLParser({
  processEntities: false,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
});

/** Flat `<xml><Name>value</Name>…</xml>` → { Name: 'value' }; undefined when broken or hostile. */
export function parseXmlFields(xml: string): XmlFields | undefined {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) return undefined;
  if (XMLValidator.validate(xml) !== true) return undefined;
  let parsed: unknown;
  try {
    parsed = parser.parse(xml);
  } catch {
    return undefined;
  }
  const root = (parsed as { xml?: unknown }).xml;
  if (!root || typeof root !== 'object') return undefined;
  const fields: XmlFields = {};
  for (const [name, value] of Object.entries(root)) {
    if (typeof value === 'string' || typeof value === 'number') fields[name] = String(value);
  }
  return fields;
}
