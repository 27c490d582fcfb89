// src/formats: the bureau's files in and out, for the CLI, the server and the browser alike (no Node
// built-ins). readLayerFile takes the files a person gave — one GeoJSON, a zipped Shapefile or its loose
// parts, a KML or KMZ, a CSV, a 勘测定界 TXT — and gives features in longitude/latitude with the source's
// attribute names, or throws a FormatError naming the file, the feature and what to do.
import { finish } from './common.ts';
import { parseCsv } from './csv.ts';
import { parseGeoJson } from './geojson.ts';
import { parseKml } from './kml.ts';
import { parseShapefile } from './shapefile.ts';
import { parseSurveyTxt } from './survey-txt.ts';
import { FormatError, type InputFile, type ReadOptions, type ReadResult } from './types.ts';

export { CRS_CHOICES, type CrsDefinition, crsDefinition } from './crs.ts';
export * from './types.ts';

function extension(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

/** Reads one layer from the files given (see README "Formats"). */
export async function readLayerFile(
  files: readonly InputFile[],
  options: ReadOptions = {},
): Promise<ReadResult> {
  return readLayerFileSync(files, options);
}

/** readLayerFile without the promise, for the command line. */
export function readLayerFileSync(files: readonly InputFile[], options: ReadOptions = {}): ReadResult {
  const first = files[0];
  if (!first)
    throw new FormatError(
      '',
      { zh: '没有给出文件。', en: 'no file was given.' },
      { zh: '请选择要导入的文件。', en: 'choose a file to import.' },
    );
  const kind = files.some((file) => /\.(shp|dbf)$/i.test(file.name)) ? 'shp' : extension(first.name);
  switch (kind) {
    case 'zip':
    case 'shp':
      return finish(first.name, parseShapefile(files, options), options);
    case 'kml':
    case 'kmz':
      return finish(first.name, parseKml(files, options), options);
    case 'csv':
      return finish(first.name, parseCsv(first.name, first.bytes, options), options);
    case 'txt':
      return finish(first.name, parseSurveyTxt(first.name, first.bytes, options), options);
    case 'geojson':
    case 'json':
      return finish(first.name, parseGeoJson(first.name, first.bytes, options), options);
    default:
      throw new FormatError(
        first.name,
        { zh: `不支持的文件类型 .${kind}。`, en: `unsupported file type .${kind}.` },
        {
          zh: '支持 GeoJSON（.geojson/.json）、Shapefile（.zip 或 .shp+.shx+.dbf+.prj）、KML/KMZ、CSV 和勘测定界 TXT。',
          en: 'supported are GeoJSON (.geojson/.json), Shapefile (.zip, or .shp+.shx+.dbf+.prj), KML/KMZ, CSV and survey TXT.',
        },
      );
  }
}

export { sandiaoToCurrent } from '../domain/landuse-sandiao.ts';
export { writeLayerFile } from './write.ts';
