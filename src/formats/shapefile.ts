// Shapefiles in, zipped or as loose parts: the shapes through shpjs (its .shp parser, coordinates as
// written), the attributes through our own DBF reader, because the encoding must be decided, not
// assumed — .cpg first, then the DBF header's language byte (0x4D: GBK/CP936), then strict decoding
// (valid UTF-8, else valid GBK), never garbled — and because dates must stay dates (ISO YYYY-MM-DD,
// not a Date in the reader's time zone). The .prj names the coordinate system.
import { unzipSync } from 'fflate';
import { parseShp } from 'shpjs';
import type { Bilingual } from '../domain/i18n.ts';
import type { Parsed, SourceFeature } from './common.ts';
import { crsFromWkt } from './crs.ts';
import { EXPORT_AGAIN } from './geojson.ts';
import { decodeStrict } from './text.ts';
import { type EncodingInfo, FormatError, type InputFile, type ReadOptions } from './types.ts';

/** The parts of one Shapefile, by lower-case extension. */
type Parts = Partial<Record<'shp' | 'shx' | 'dbf' | 'prj' | 'cpg', Uint8Array>>;

const PART = /\.(shp|shx|dbf|prj|cpg)$/i;

/** Unzips (skipping macOS's __MACOSX copies) and gathers the parts; one layer per zip. */
function shapefileParts(files: readonly InputFile[]): { parts: Parts; name: string } {
  const entries: InputFile[] = [];
  for (const file of files) {
    if (/\.zip$/i.test(file.name)) {
      let unzipped: Record<string, Uint8Array>;
      try {
        unzipped = unzipSync(file.bytes, {
          filter: (entry) => PART.test(entry.name) && !entry.name.includes('__MACOSX'),
        });
      } catch (error) {
        throw new FormatError(
          file.name,
          {
            zh: `压缩包已损坏，无法解压（${error instanceof Error ? error.message : String(error)}）。`,
            en: `the zip is damaged and cannot be unpacked (${error instanceof Error ? error.message : String(error)}).`,
          },
          {
            zh: '请重新压缩 Shapefile 的 .shp、.shx、.dbf、.prj（和 .cpg）文件。',
            en: 'zip the .shp, .shx, .dbf, .prj (and .cpg) files of the Shapefile again.',
          },
        );
      }
      for (const [name, bytes] of Object.entries(unzipped)) entries.push({ name, bytes });
    } else entries.push(file);
  }
  const shps = entries.filter((entry) => /\.shp$/i.test(entry.name));
  const fileName = files.map((file) => file.name).join(', ');
  if (shps.length === 0)
    throw new FormatError(
      fileName,
      { zh: '没有找到 .shp 文件。', en: 'no .shp file found.' },
      {
        zh: '请把 Shapefile 的 .shp、.shx、.dbf、.prj（和 .cpg）一起压缩成一个 .zip。',
        en: 'zip the .shp, .shx, .dbf, .prj (and .cpg) of the Shapefile together into one .zip.',
      },
    );
  if (shps.length > 1)
    throw new FormatError(
      fileName,
      {
        zh: `压缩包里有 ${shps.length} 个图层（${shps.map((s) => s.name).join('、')}）。`,
        en: `the zip holds ${shps.length} layers (${shps.map((s) => s.name).join(', ')}).`,
      },
      {
        zh: '每个压缩包只放一个图层，分别导入。',
        en: 'put one layer in each zip and import them one by one.',
      },
    );
  const base = (shps[0] as InputFile).name.slice(0, -4);
  const parts: Parts = {};
  for (const entry of entries) {
    const match = PART.exec(entry.name);
    if (match && entry.name.slice(0, -4).toLowerCase() === base.toLowerCase())
      parts[(match[1] as string).toLowerCase() as keyof Parts] = entry.bytes;
  }
  return { parts, name: base.split('/').pop() as string };
}

/** .cpg text → our encoding name; null for a code page we do not read (then detection decides). */
function cpgEncoding(text: string): 'utf-8' | 'gbk' | null {
  const value = text.trim().toLowerCase().replace(/^cp/, '');
  if (['utf-8', 'utf8', '65001'].includes(value)) return 'utf-8';
  if (['gbk', '936', 'gb2312', 'gb18030', 'ansi 936', '54936'].includes(value)) return 'gbk';
  return null;
}

interface DbfField {
  name: string;
  type: string;
  offset: number;
  length: number;
}

interface Dbf {
  fields: DbfField[];
  records: (Record<string, unknown> | null)[];
  encoding: EncodingInfo;
  warnings: { feature?: number; message: Bilingual }[];
}

const DAMAGED_DBF: Bilingual = {
  zh: '.dbf 文件已损坏（文件头与长度不符）。',
  en: 'the .dbf is damaged (its header does not fit its length).',
};

function chooseEncoding(
  dbf: Uint8Array,
  cpg: Uint8Array | undefined,
  given: ReadOptions['encoding'],
  file: string,
): EncodingInfo {
  if (given) return { name: given, source: 'given' };
  if (cpg) {
    const named = cpgEncoding(decodeStrict(cpg, 'utf-8') ?? '');
    if (named) return { name: named, source: 'cpg' };
  }
  if (dbf[29] === 0x4d) return { name: 'gbk', source: 'dbf-ldid' };
  // Field names (in the header) and every record, strictly: numbers and dates are ASCII, so this is
  // the text of the character fields.
  const text = dbf.subarray(32, dbf.length);
  if (decodeStrict(text, 'utf-8') !== null) return { name: 'utf-8', source: 'detected' };
  if (decodeStrict(text, 'gbk') !== null) return { name: 'gbk', source: 'detected' };
  throw new FormatError(
    file,
    {
      zh: '.dbf 中的文字既不是有效的 UTF-8，也不是有效的 GBK。',
      en: 'the text in the .dbf is neither valid UTF-8 nor valid GBK.',
    },
    {
      zh: '请在 GIS 软件中以 UTF-8 重新导出（并带上 .cpg 文件），或在导入时指定编码。',
      en: 'export again from the GIS software in UTF-8 (with its .cpg file), or give the encoding on import.',
    },
  );
}

/** Reads a dBASE III/IV table: character, numeric, float, date, logical fields. */
function readDbf(bytes: Uint8Array, cpg: Uint8Array | undefined, options: ReadOptions, file: string): Dbf {
  if (bytes.length < 32) throw new FormatError(file, DAMAGED_DBF, EXPORT_AGAIN);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = view.getUint32(4, true);
  const headerLength = view.getUint16(8, true);
  const recordLength = view.getUint16(10, true);
  if (headerLength > bytes.length || headerLength + count * recordLength > bytes.length)
    throw new FormatError(file, DAMAGED_DBF, EXPORT_AGAIN);
  const encoding = chooseEncoding(bytes, cpg, options.encoding, file);
  const decode = (slice: Uint8Array): string => {
    const text = decodeStrict(slice, encoding.name);
    if (text === null)
      throw new FormatError(
        file,
        {
          zh: `.dbf 中有不是有效 ${encoding.name.toUpperCase()} 的文字。`,
          en: `the .dbf holds text that is not valid ${encoding.name.toUpperCase()}.`,
        },
        {
          zh: '请在导入时选择另一种编码（UTF-8 或 GBK）。',
          en: 'choose the other encoding (UTF-8 or GBK) on import.',
        },
      );
    return text;
  };
  const fields: DbfField[] = [];
  let offset = 1;
  for (let at = 32; at + 32 <= headerLength && bytes[at] !== 0x0d; at += 32) {
    let end = at;
    while (end < at + 11 && bytes[end] !== 0) end++;
    const length = bytes[at + 16] as number;
    fields.push({
      name: decode(bytes.subarray(at, end)).trim(),
      type: String.fromCharCode(bytes[at + 11] as number).toUpperCase(),
      offset,
      length,
    });
    offset += length;
  }
  const warnings: Dbf['warnings'] = [];
  const unread = fields.filter((field) => !'CNFDL'.includes(field.type));
  if (unread.length > 0)
    warnings.push({
      message: {
        zh: `字段 ${unread.map((f) => f.name).join('、')} 的类型无法读取，已留空。`,
        en: `the fields ${unread.map((f) => f.name).join(', ')} are of a type we cannot read: left empty.`,
      },
    });
  const records: (Record<string, unknown> | null)[] = new Array(count);
  for (let index = 0; index < count; index++) {
    const start = headerLength + index * recordLength;
    if (bytes[start] === 0x2a) {
      records[index] = null; // deleted
      continue;
    }
    const record: Record<string, unknown> = {};
    for (const field of fields) {
      const slice = bytes.subarray(start + field.offset, start + field.offset + field.length);
      record[field.name] = fieldValue(field.type, slice, decode);
    }
    records[index] = record;
  }
  return { fields, records, encoding, warnings };
}

function ascii(slice: Uint8Array): string {
  let text = '';
  for (const byte of slice) text += String.fromCharCode(byte);
  return text.trim();
}

function fieldValue(type: string, slice: Uint8Array, decode: (slice: Uint8Array) => string): unknown {
  switch (type) {
    case 'C': {
      let end = slice.length;
      while (end > 0 && (slice[end - 1] === 0x20 || slice[end - 1] === 0)) end--;
      if (end === 0) return null;
      let plain = true;
      for (let i = 0; i < end; i++) if ((slice[i] as number) >= 0x80) plain = false;
      return plain ? ascii(slice.subarray(0, end)) : decode(slice.subarray(0, end));
    }
    case 'N':
    case 'F': {
      const text = ascii(slice);
      if (text === '' || text.startsWith('*')) return null;
      const value = Number(text);
      return Number.isFinite(value) ? value : null;
    }
    case 'D': {
      const text = ascii(slice);
      return /^\d{8}$/.test(text) && text !== '00000000'
        ? `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}`
        : null;
    }
    case 'L': {
      const text = ascii(slice).toUpperCase();
      return text === 'T' || text === 'Y' ? true : text === 'F' || text === 'N' ? false : null;
    }
    default:
      return null;
  }
}

export function parseShapefile(files: readonly InputFile[], options: ReadOptions): Parsed {
  const { parts } = shapefileParts(files);
  const file = files.map((f) => f.name).join(', ');
  const shp = parts.shp as Uint8Array;
  if (!parts.dbf)
    throw new FormatError(
      file,
      { zh: '缺少 .dbf 文件（属性表）。', en: 'the .dbf file (the attribute table) is missing.' },
      { zh: '请把同名的 .dbf 一起压缩进来。', en: 'zip the .dbf of the same name with it.' },
    );
  if (shp.length < 100 || new DataView(shp.buffer, shp.byteOffset).getInt32(0) !== 9994)
    throw new FormatError(
      file,
      { zh: '.shp 文件已损坏（不是 Shapefile）。', en: 'the .shp is damaged (not a Shapefile).' },
      EXPORT_AGAIN,
    );
  let geometries: ReturnType<typeof parseShp>;
  try {
    geometries = parseShp(shp, false);
  } catch (error) {
    throw new FormatError(
      file,
      {
        zh: `.shp 文件无法读取（${error instanceof Error ? error.message : String(error)}）。`,
        en: `the .shp cannot be read (${error instanceof Error ? error.message : String(error)}).`,
      },
      EXPORT_AGAIN,
    );
  }
  const dbf = readDbf(parts.dbf, parts.cpg, options, file);
  if (geometries.length !== dbf.records.length)
    throw new FormatError(
      file,
      {
        zh: `.shp 有 ${geometries.length} 个图形，.dbf 却有 ${dbf.records.length} 条记录：文件不完整。`,
        en: `the .shp holds ${geometries.length} shapes but the .dbf ${dbf.records.length} records: the files are incomplete.`,
      },
      EXPORT_AGAIN,
    );
  const features: SourceFeature[] = [];
  dbf.records.forEach((record, index) => {
    if (record === null) return;
    features.push({ type: 'Feature', geometry: geometries[index] ?? null, properties: record });
  });
  const prj = parts.prj ? decodeStrict(parts.prj, 'utf-8') : null;
  const warnings = [...dbf.warnings];
  if (!parts.prj)
    warnings.push({
      message: {
        zh: '缺少 .prj 文件，坐标系由坐标大小推测，请确认。',
        en: 'no .prj file: the coordinate system is guessed from the coordinates; confirm it.',
      },
    });
  return {
    format: 'shapefile',
    encoding: dbf.encoding,
    declared: prj ? { verdict: crsFromWkt(prj), source: 'prj' } : null,
    fields: dbf.fields.map((field) => field.name),
    features,
    warnings,
  };
}
