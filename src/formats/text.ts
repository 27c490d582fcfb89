// Text in the encodings the bureau's files come in: UTF-8 (with or without a byte-order mark) and GBK,
// which Chinese Windows, ArcGIS and Excel write. Decoding is strict — a byte sequence invalid in the
// encoding is an error, never a replacement character — so a file is either read right or refused,
// never garbled: valid UTF-8 is UTF-8 (GBK Chinese is almost never valid UTF-8), else valid GBK is GBK.
// TextDecoder('gbk') is the WHATWG GBK decoder (GB18030's), in Node and in every browser. TextEncoder
// writes UTF-8 only, so GBK is encoded through the decoder's own table, inverted once when first needed.
import type { EncodingInfo, EncodingName } from './types.ts';

interface Decoder {
  decode(bytes: Uint8Array): string;
}
type DecoderClass = new (label: string, options?: { fatal?: boolean; ignoreBOM?: boolean }) => Decoder;
const TextDecoderClass = (globalThis as unknown as { TextDecoder: DecoderClass }).TextDecoder;
const TextEncoderClass = (
  globalThis as unknown as { TextEncoder: new () => { encode(text: string): Uint8Array } }
).TextEncoder;

const strictUtf8 = new TextDecoderClass('utf-8', { fatal: true, ignoreBOM: true });
const strictGbk = new TextDecoderClass('gbk', { fatal: true });

/** The text of `bytes` in `encoding`, or null when the bytes are not valid in it. */
export function decodeStrict(bytes: Uint8Array, encoding: EncodingName): string | null {
  try {
    return (encoding === 'gbk' ? strictGbk : strictUtf8).decode(bytes);
  } catch {
    return null;
  }
}

export interface DecodedText {
  text: string;
  encoding: EncodingInfo;
}

/**
 * A text file's content: a UTF-8 byte-order mark decides, then the person's choice, then strict
 * decoding (UTF-8, else GBK). Null when the bytes are valid in neither (or not in the chosen one).
 */
export function decodeText(bytes: Uint8Array, given?: EncodingName): DecodedText | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const text = decodeStrict(bytes.subarray(3), 'utf-8');
    return text === null ? null : { text, encoding: { name: 'utf-8', source: 'bom' } };
  }
  if (given) {
    const text = decodeStrict(bytes, given);
    return text === null ? null : { text, encoding: { name: given, source: 'given' } };
  }
  const utf8 = decodeStrict(bytes, 'utf-8');
  if (utf8 !== null) return { text: utf8, encoding: { name: 'utf-8', source: 'utf-8' } };
  const gbk = decodeStrict(bytes, 'gbk');
  if (gbk !== null) return { text: gbk, encoding: { name: 'gbk', source: 'detected' } };
  return null;
}

let gbkTable: Map<number, number> | null = null;

/** Code point → GBK double byte (lead << 8 | trail), from the decoder's own table. */
function gbkCodes(): Map<number, number> {
  if (gbkTable) return gbkTable;
  const table = new Map<number, number>();
  const pair = new Uint8Array(2);
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      pair[0] = lead;
      pair[1] = trail;
      const text = decodeStrict(pair, 'gbk');
      if (text === null || text.length !== 1) continue;
      const code = text.charCodeAt(0);
      if (!table.has(code)) table.set(code, (lead << 8) | trail);
    }
  }
  gbkTable = table;
  return table;
}

/** A character that GBK cannot write (an emoji, a rare character outside GBK). */
export class NotInGbk extends Error {
  readonly character: string;
  constructor(character: string) {
    super(`the character ${character} cannot be written in GBK`);
    this.character = character;
  }
}

/** Text → bytes in `encoding`; GBK throws NotInGbk for a character it cannot write. */
export function encodeText(text: string, encoding: EncodingName): Uint8Array {
  if (encoding === 'utf-8') return new TextEncoderClass().encode(text);
  const table = gbkCodes();
  const out = new Uint8Array(text.length * 2);
  let length = 0;
  for (const character of text) {
    const code = character.codePointAt(0) as number;
    if (code < 0x80) {
      out[length++] = code;
      continue;
    }
    const double = code <= 0xffff ? table.get(code) : undefined;
    if (double === undefined) throw new NotInGbk(character);
    out[length++] = double >> 8;
    out[length++] = double & 0xff;
  }
  return out.subarray(0, length);
}
