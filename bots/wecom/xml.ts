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

/** The outer body WeCom POSTs is a few hundred bytes around one ciphertext: anything deeper or busier is not it. */
const MAX_DEPTH = 3;
const MAX_ELEMENTS = 16;
const NAME = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;

/**
 * The `Encrypt` field of WeCom's outer body, read by a linear scan with no XML parser: `<xml>` at
 * the top, at most 3 levels and 16 elements, no declarations, comments or attributes, exactly one
 * `<Encrypt>` directly under `<xml>`. The callback verifies the signature over this value before
 * any XML is parsed, so an unsigned body, however hostile, costs one pass over its bytes.
 *
 *   readEncryptField('<xml><ToUserName>…</ToUserName><Encrypt><![CDATA[abc=]]></Encrypt></xml>')  // 'abc='
 */
export function readEncryptField(body: string): string | undefined {
  let pos = body.length - body.trimStart().length;
  if (!body.startsWith('<xml>', pos)) return undefined;
  const open: string[] = [];
  let elements = 0;
  let encrypt: string | undefined;
  let text = '';
  while (pos < body.length) {
    const lt = body.indexOf('<', pos);
    if (lt === -1) return body.slice(pos).trim() === '' && open.length === 0 ? encrypt : undefined;
    text += body.slice(pos, lt);
    if (body.startsWith('<![CDATA[', lt)) {
      const end = body.indexOf(']]>', lt + 9);
      if (end === -1) return undefined;
      text += body.slice(lt + 9, end);
      pos = end + 3;
      continue;
    }
    const gt = body.indexOf('>', lt);
    if (gt === -1) return undefined;
    const tag = body.slice(lt + 1, gt);
    pos = gt + 1;
    if (tag.startsWith('/')) {
      if (open.pop() !== tag.slice(1)) return undefined;
      if (open.length === 1 && tag === '/Encrypt') {
        if (encrypt !== undefined) return undefined; // two ciphertexts: which one was signed?
        encrypt = text.trim();
      }
      if (open.length === 0) return body.slice(pos).trim() === '' ? encrypt : undefined;
    } else {
      if (!NAME.test(tag) || open.length >= MAX_DEPTH || ++elements > MAX_ELEMENTS) return undefined;
      open.push(tag);
    }
    text = '';
  }
  return undefined;
}
