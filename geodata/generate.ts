// The seeded generator of large synthetic layers for load tests:
//   npm run gen -- --plots N --zones M --out DIR [--seed S]
// writes DIR/plots.geojson (N plots shaped and attributed like the sample, ids HS-GEN-000001…) and
// DIR/zones.geojson (M redevelopment zones of 50–2 000 亩). Plots sit one to a grid cell inside the Heshan
// boundary, so they do not overlap, except about 1% pushed half a cell into a neighbour on purpose. The
// cell size follows N: when Heshan is too small for N plots of the sample's sizes, plots shrink to fit.
// Same arguments, same seed: byte-identical files.
import { closeSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FeatureCollection, Polygon, Position } from 'geojson';
import { RECTIFICATION_MODES } from '../src/domain/layers.ts';
import type { ZoneProperties } from '../src/domain/schemas.ts';
import { M2_PER_MU } from '../src/domain/units.ts';
import { plotAttributes } from './attributes.ts';
import { ByteWriter } from './byte-writer.ts';
import { heshanBoundary, nearestTown } from './heshan.ts';
import { createRandom, type Random, seedFrom } from './random.ts';
import {
  blobRing,
  centreAndTurn,
  metresPerDegree,
  planarSignedArea,
  plotShape,
  projectOutline,
  type XY,
} from './shapes.ts';

export interface GenerateOptions {
  plots: number;
  zones: number;
  seed: string;
}

/** Where the bytes go, in order: a file (the CLI) or memory (tests). */
export interface GeneratedSinks {
  plots: (chunk: Buffer) => void;
  zones: (chunk: Buffer) => void;
}

/** A FeatureCollection written feature by feature, one feature a line. */
class CollectionWriter {
  private readonly out: ByteWriter;
  private count = 0;
  constructor(sink: (chunk: Buffer) => void) {
    this.out = new ByteWriter(sink);
    this.out.text('{"type":"FeatureCollection","features":[\n');
  }
  add(id: string, properties: object, ring: readonly XY[]): void {
    const out = this.out;
    out.text(
      `${this.count++ === 0 ? '' : ',\n'}{"type":"Feature","id":${JSON.stringify(id)},"properties":${JSON.stringify(properties)},"geometry":{"type":"Polygon","coordinates":[[`,
    );
    ring.forEach(([x, y], index) => {
      out.text(index === 0 ? '[' : ',[');
      out.coordinate(x);
      out.text(',');
      out.coordinate(y);
      out.text(']');
    });
    out.text(']]}}');
  }
  end(): void {
    this.out.text('\n]}\n');
    this.out.flush();
  }
}

/** Share of plots pushed half a cell towards a neighbour. */
const SHIFTED_SHARE = 0.01;
/** Share of a cell a plot may span, each way, leaving a gap to the neighbours. */
const CELL_FILL = 0.86;

interface Grid {
  sizeM: number;
  /** Cell centres [lon, lat], row by row from the south-west. */
  centres: Float64Array;
  count: number;
}

/** Where the boundary ring crosses latitude `lat`, sorted: inside is between pairs. */
function crossings(ring: readonly Position[], lat: number): number[] {
  const xs: number[] = [];
  for (let i = 0; i + 1 < ring.length; i++) {
    const [x1, y1] = ring[i] as [number, number];
    const [x2, y2] = ring[i + 1] as [number, number];
    if (y1 <= lat !== y2 <= lat) xs.push(x1 + ((lat - y1) * (x2 - x1)) / (y2 - y1));
  }
  return xs.sort((a, b) => a - b);
}

function inside(xs: readonly number[], from: number, to: number): boolean {
  for (let i = 0; i + 1 < xs.length; i += 2)
    if (from >= (xs[i] as number) && to <= (xs[i + 1] as number)) return true;
  return false;
}

/** Square cells of `sizeM` metres whose bottom, middle and top rows all lie inside the boundary. */
function gridInside(ring: readonly Position[], sizeM: number): Grid {
  let west = Number.POSITIVE_INFINITY;
  let south = Number.POSITIVE_INFINITY;
  let east = Number.NEGATIVE_INFINITY;
  let north = Number.NEGATIVE_INFINITY;
  for (const [x, y] of ring as [number, number][]) {
    west = Math.min(west, x);
    east = Math.max(east, x);
    south = Math.min(south, y);
    north = Math.max(north, y);
  }
  const perDegree = metresPerDegree((south + north) / 2);
  const dx = sizeM / perDegree.x;
  const dy = sizeM / perDegree.y;
  const centres: number[] = [];
  for (let lat = south + dy / 2; lat < north; lat += dy) {
    const rows = [crossings(ring, lat - dy / 2), crossings(ring, lat), crossings(ring, lat + dy / 2)];
    for (let lon = west + dx / 2; lon < east; lon += dx) {
      if (rows.every((xs) => inside(xs, lon - dx / 2, lon + dx / 2))) centres.push(lon, lat);
    }
  }
  return { sizeM, centres: Float64Array.from(centres), count: centres.length / 2 };
}

/** A grid with room for `plots` plots: cells as large as Heshan allows, at most 800 m. */
function gridFor(ring: readonly Position[], plots: number): Grid {
  let sizeM = Math.min(800, Math.sqrt(1.08e9 / Math.max(plots, 1)));
  for (;;) {
    const grid = gridInside(ring, sizeM);
    if (grid.count >= plots) return grid;
    sizeM *= 0.93;
  }
}

/** A plot outline (metres) with the sample's size, shrunk if needed so it spans at most `spanM` each way. */
function fittedPlot(random: Random, spanM: number): XY[] {
  const turned = centreAndTurn(plotShape(random), random.between(0, Math.PI));
  const mu = random.chance(0.02) ? random.between(150, 290) : random.logNormal(24, 0.72, 3.5, 290);
  let minX = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const [x, y] of turned) {
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
  const scale = Math.min(
    Math.sqrt((mu * M2_PER_MU) / Math.abs(planarSignedArea(turned))),
    spanM / (maxX - minX),
    spanM / (maxY - minY),
  );
  // Centre the outline's box on the origin, so it stays inside its cell.
  const cx = (minX + maxX) / 2;
  const cy = (minY + maxY) / 2;
  return turned.map(([x, y]): XY => [(x - cx) * scale, (y - cy) * scale]);
}

const ZONE_NOTES = [
  '连片低效工业用地，拟整体工改工',
  '政府收储后统一招商',
  '原业主自我提升，增容提质',
  '引入合作方共同开发，配套厂房',
  '拟建设产业园区标准厂房',
  '结合道路改造同步整治',
  '村级工业园升级改造',
] as const;
const ZONE_AUTHORS = [
  '规划股 陈工',
  '规划股 李工',
  '用途管制股 黄工',
  '土地利用股 梁工',
  '镇规划办 吴工',
] as const;
const ZONE_LAND_USES = ['100101', '100102', '100101', '100102', '100103', '1101', '0901'] as const;

function zoneProperties(random: Random, index: number, town: string): ZoneProperties {
  return {
    id: `ZN-GEN-${String(index + 1).padStart(5, '0')}`,
    name: `${town}改造单元 ${index + 1}`,
    mode: random.pick(RECTIFICATION_MODES),
    plannedLandUse: random.pick(ZONE_LAND_USES),
    notes: random.pick(ZONE_NOTES),
    createdBy: random.pick(ZONE_AUTHORS),
    version: random.int(1, 5),
  };
}

/** The cleaned Heshan outline: geodata/boundary.geojson when built, else cleaned from the source. */
function boundaryRing(): Position[] {
  try {
    const text = readFileSync(fileURLToPath(new URL('boundary.geojson', import.meta.url)), 'utf8');
    const collection = JSON.parse(text) as FeatureCollection<Polygon>;
    const ring = collection.features[0]?.geometry.coordinates[0];
    if (ring) return ring;
  } catch {
    // Not built yet: clean the source outline instead (slower, same ring).
  }
  return heshanBoundary().feature.geometry.coordinates[0] as Position[];
}

/** Generates the layers into the sinks; returns the ids of the plots pushed into a neighbour's cell. */
export function generateInto(options: GenerateOptions, sinks: GeneratedSinks): string[] {
  const ring = boundaryRing();
  const grid = gridFor(ring, options.plots);
  const random = createRandom(seedFrom(`plots/${options.seed}`));
  // Choose the cells (a partial Fisher–Yates shuffle), then walk them row by row.
  const cells = new Int32Array(grid.count);
  for (let i = 0; i < grid.count; i++) cells[i] = i;
  for (let i = 0; i < options.plots; i++) {
    const j = i + Math.floor(random.next() * (grid.count - i));
    const swap = cells[i] as number;
    cells[i] = cells[j] as number;
    cells[j] = swap;
  }
  const chosen = cells.slice(0, options.plots).sort();
  const lines = new CollectionWriter(sinks.plots);
  const shifted: string[] = [];
  for (let n = 0; n < chosen.length; n++) {
    const cell = chosen[n] as number;
    const centre: Position = [grid.centres[2 * cell] as number, grid.centres[2 * cell + 1] as number];
    const id = `HS-GEN-${String(n + 1).padStart(6, '0')}`;
    let outline = fittedPlot(random, grid.sizeM * CELL_FILL);
    if (random.chance(SHIFTED_SHARE)) {
      const angle = random.pick([0, Math.PI / 2, Math.PI, (3 * Math.PI) / 2]);
      const push = grid.sizeM * 0.55;
      outline = outline.map(([x, y]): XY => [x + Math.cos(angle) * push, y + Math.sin(angle) * push]);
      shifted.push(id);
    }
    const plotRing = projectOutline(outline, centre) as XY[];
    const properties = plotAttributes(random, id, nearestTown(centre));
    lines.add(id, properties, plotRing);
  }

  const zoneRandom = createRandom(seedFrom(`zones/${options.seed}`));
  const zoneGrid = grid.count > 0 ? grid : gridFor(ring, 1);
  const zoneLines = new CollectionWriter(sinks.zones);
  for (let n = 0; n < options.zones; n++) {
    const cell = zoneRandom.int(0, zoneGrid.count - 1);
    const centre: Position = [zoneGrid.centres[2 * cell] as number, zoneGrid.centres[2 * cell + 1] as number];
    const mu = zoneRandom.logNormal(300, 0.8, 55, 1900);
    const zoneRing = blobRing(
      zoneRandom,
      centre,
      mu * M2_PER_MU,
      zoneRandom.int(8, 16),
      zoneRandom.between(1, 1.8),
    );
    const properties = zoneProperties(zoneRandom, n, nearestTown(centre));
    zoneLines.add(properties.id, properties, zoneRing as XY[]);
  }
  lines.end();
  zoneLines.end();
  return shifted;
}

/** The layers as text, in memory (for tests and small runs). */
export function generate(options: GenerateOptions): {
  plotsText: string;
  zonesText: string;
  shifted: string[];
} {
  const plots: Buffer[] = [];
  const zones: Buffer[] = [];
  const shifted = generateInto(options, {
    plots: (chunk) => plots.push(chunk),
    zones: (chunk) => zones.push(chunk),
  });
  const text = (chunks: Buffer[]) => Buffer.concat(chunks).toString('utf8');
  return { plotsText: text(plots), zonesText: text(zones), shifted };
}

export const USAGE = `Usage: npm run gen -- --plots N --zones M --out DIR [--seed S]

Writes DIR/plots.geojson (N synthetic low-efficiency plots, ids HS-GEN-000001…) and DIR/zones.geojson
(M redevelopment zones, 50–2 000 亩) spread over Heshan. The same seed gives byte-identical files.

  --plots N   number of plots, 0–1 000 000
  --zones M   number of zones, 0–100 000
  --out DIR   output folder (created if missing)
  --seed S    any text or number (default 1)

用法：npm run gen -- --plots 地块数 --zones 改造单元数 --out 输出目录 [--seed 随机种子]`;

export class UsageError extends Error {}

export function parseArguments(argv: readonly string[]): GenerateOptions & { out: string } {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const match = /^--(plots|zones|out|seed)(?:=(.*))?$/.exec(arg);
    if (!match) throw new UsageError(`unknown argument: ${arg}`);
    const name = match[1] as string;
    const value = match[2] ?? argv[++i];
    if (value === undefined || value === '') throw new UsageError(`--${name} needs a value`);
    if (values.has(name)) throw new UsageError(`--${name} given twice`);
    values.set(name, value);
  }
  const count = (name: string, max: number): number => {
    const text = values.get(name);
    if (text === undefined) throw new UsageError(`--${name} is required`);
    if (!/^\d+$/.test(text) || Number(text) > max)
      throw new UsageError(`--${name} must be a whole number from 0 to ${max}, not "${text}"`);
    return Number(text);
  };
  const plots = count('plots', 1_000_000);
  const zones = count('zones', 100_000);
  const out = values.get('out');
  if (!out) throw new UsageError('--out is required');
  return { plots, zones, out, seed: values.get('seed') ?? '1' };
}

function main(argv: readonly string[]): number {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  let options: GenerateOptions & { out: string };
  try {
    options = parseArguments(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`gen: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  const started = performance.now();
  mkdirSync(options.out, { recursive: true });
  const plotsFile = openSync(join(options.out, 'plots.geojson'), 'w');
  const zonesFile = openSync(join(options.out, 'zones.geojson'), 'w');
  let shifted: string[];
  try {
    shifted = generateInto(options, {
      plots: (chunk) => writeSync(plotsFile, chunk),
      zones: (chunk) => writeSync(zonesFile, chunk),
    });
  } finally {
    closeSync(plotsFile);
    closeSync(zonesFile);
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  console.log(
    `gen: ${options.plots} plots (${shifted.length} pushed into a neighbour), ${options.zones} zones → ${options.out} in ${seconds} s (seed ${options.seed})`,
  );
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1])
  process.exitCode = main(process.argv.slice(2));
