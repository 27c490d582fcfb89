// The public face of src/formats: what a reader returns and what it throws. The import screen, the
// server and the CLI code against these types (documented for them in README "Formats" and in the
// notes the import screen is built from); keep them stable.
import type { Feature, Geometry } from 'geojson';
import type { Bilingual } from '../domain/i18n.ts';
import type { LandUseSchemeReport } from '../domain/landuse-sandiao.ts';

export type FormatName = 'geojson' | 'shapefile' | 'kml' | 'kmz' | 'csv' | 'txt';

/** One file as the person gave it: a .zip, or the parts of a Shapefile given loose (.shp, .dbf, …). */
export interface InputFile {
  name: string;
  bytes: Uint8Array;
}

export type EncodingName = 'utf-8' | 'gbk';

export interface ReadOptions {
  /** The coordinate system the person chose ('EPSG:4526'); overrides what the file says. */
  crs?: string;
  /** The text encoding the person chose; overrides .cpg, the DBF language byte and detection. */
  encoding?: EncodingName;
}

export interface EncodingInfo {
  name: EncodingName;
  /**
   * Where it came from: the .cpg file, the DBF header's language byte, strict decoding (valid UTF-8, or
   * else valid GBK), the person's choice, a UTF-8 byte-order mark, or the format's own rule (GeoJSON,
   * KML: UTF-8 unless the bytes say otherwise).
   */
  source: 'cpg' | 'dbf-ldid' | 'detected' | 'given' | 'bom' | 'utf-8';
}

export interface CrsInfo {
  /** 'EPSG:4490' (CGCS2000 longitude/latitude) or a Gauss-Krüger zone, 'EPSG:4513'…'EPSG:4554', 4491–4512. */
  code: string;
  name: Bilingual;
  source: 'prj' | 'crs-member' | 'txt-header' | 'given' | 'default' | 'guess';
  /** True when the system was only guessed from the size of the coordinates: the person must confirm it. */
  needsConfirmation: boolean;
}

/**
 * How the file's land-use codes read (PRODUCT.md "Land-use codes"), null without such a field: 'current'
 * (用地用海, 1001 industry), 'sandiao' (三调 GB/T 21010, 0601 industry, 1001 railway; map with
 * `sandiaoToCurrent`), or 'ambiguous' — the import must ask, never guess.
 */
export type LandUseReport = LandUseSchemeReport;

export interface FormatWarning {
  /** Index of the feature in `features`, when the warning is about one. */
  feature?: number;
  message: Bilingual;
}

export interface ReadResult {
  format: FormatName;
  encoding: EncodingInfo;
  crs: CrsInfo;
  /** The source attribute names in source order (decoded). */
  fields: string[];
  /** In longitude/latitude (CGCS2000), RFC 7946 ring order, attributes as named in the source. */
  features: Feature<Geometry | null, Record<string, unknown>>[];
  warnings: FormatWarning[];
  landUse: LandUseReport | null;
}

/** A file that cannot be read: which file, which feature (index), what is wrong, what to do. */
export class FormatError extends Error {
  readonly file: string;
  readonly feature: number | undefined;
  readonly text: Bilingual;
  readonly hint: Bilingual;
  constructor(file: string, text: Bilingual, hint: Bilingual, feature?: number) {
    super(`${file}: ${text.en} ${hint.en}`);
    this.name = 'FormatError';
    this.file = file;
    this.text = text;
    this.hint = hint;
    this.feature = feature;
  }
}

export type WriteFormat = 'geojson' | 'shp' | 'kml' | 'csv' | 'txt';

export interface WriteOptions {
  /** The file name without extension ('plots'); used inside the zip and for the TXT's 地块名称. */
  name: string;
  /** shp: 'utf-8' (default, with a .cpg) or 'gbk'; txt: 'utf-8' (default) or 'gbk'. */
  encoding?: EncodingName;
  /** shp/txt: 'EPSG:4490' (shp default) or a Gauss-Krüger zone ('EPSG:4526'; txt default). */
  crs?: string;
  /** csv: the header of each property's column ('企业名称 (enterprise)'); the name itself when absent. */
  labels?: (field: string) => string;
  /** txt: the 数据产生日期 (YYYY-MM-DD); today when absent. */
  date?: string;
}

export interface WrittenFile {
  fileName: string;
  mediaType: string;
  bytes: Uint8Array;
  /** What the format could not hold as it was (a field name shortened to DBF's 10 bytes, …). */
  warnings: FormatWarning[];
}
