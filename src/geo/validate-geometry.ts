// Validity of polygons beyond their structure: rings that cross or touch themselves, holes outside their
// shell or inside another hole, MultiPolygon parts that overlap, degenerate rings, repeated positions,
// and ring winding (RFC 7946 right-hand rule, a warning only).

import type { Geometry, Position } from 'geojson';
import type { Bilingual } from '../domain/i18n.ts';
import { analyseRings, pointInRing, type RingContact, type RingTouch } from './kinks.ts';
import { type Place, PROBLEM_CODES, type ProblemCollector } from './problems.ts';

type Ring = Position[];

interface RingName {
  part: number | null;
  ring: number;
}

function ringName({ part, ring }: RingName): Bilingual {
  const zh = ring === 0 ? '外环' : `第 ${ring} 个内环（洞）`;
  const en = ring === 0 ? 'the outer ring' : `hole ${ring}`;
  return part === null ? { zh, en } : { zh: `第 ${part} 部分的${zh}`, en: `${en} of part ${part}` };
}

function pointText(at: readonly number[]): string {
  return `(${(at[0] as number).toFixed(7)}, ${(at[1] as number).toFixed(7)})`;
}

const FIX_HINT: Bilingual = {
  zh: '请在 GIS 软件中修正边界（如 QGIS“修复几何图形”）后重新导出。',
  en: "fix the outline in the GIS software (e.g. QGIS 'Fix geometries') and export again.",
};

/** Consecutive repeats removed; the ring stays closed. The ring itself when it has none. */
export function withoutRepeats(ring: Ring): { ring: Ring; repeats: number } {
  let repeats = 0;
  for (let i = 1; i < ring.length; i++) {
    const p = ring[i] as Position;
    const q = ring[i - 1] as Position;
    if (p[0] === q[0] && p[1] === q[1]) repeats++;
  }
  if (repeats === 0) return { ring, repeats };
  const kept: Ring = [ring[0] as Position];
  for (let i = 1; i < ring.length; i++) {
    const p = ring[i] as Position;
    const q = kept[kept.length - 1] as Position;
    if (p[0] !== q[0] || p[1] !== q[1]) kept.push(p);
  }
  return { ring: kept, repeats: ring.length - kept.length };
}

/** Twice the planar signed area in degrees²: > 0 counter-clockwise. Only its sign is used. */
function signedArea2(ring: Ring): number {
  let sum = 0;
  const x0 = (ring[0] as Position)[0] as number;
  const y0 = (ring[0] as Position)[1] as number;
  for (let i = 1; i + 1 < ring.length; i++) {
    const p = ring[i] as Position;
    const q = ring[i + 1] as Position;
    sum +=
      ((p[0] as number) - x0) * ((q[1] as number) - y0) - ((q[0] as number) - x0) * ((p[1] as number) - y0);
  }
  return sum;
}

function bboxOf(ring: Ring): [number, number, number, number] {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const p of ring) {
    const x = p[0] as number;
    const y = p[1] as number;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  return [minX, minY, maxX, maxY];
}

function boxesMeet(a: readonly number[], b: readonly number[]): boolean {
  return !(
    (a[2] as number) < (b[0] as number) ||
    (b[2] as number) < (a[0] as number) ||
    (a[3] as number) < (b[1] as number) ||
    (b[3] as number) < (a[1] as number)
  );
}

/** Where `inner` lies relative to `outer`, judged by its first vertex (or edge midpoint) off `outer`. */
function locate(inner: Ring, outer: Ring): 1 | 0 | -1 {
  for (const p of inner) {
    const where = pointInRing(p[0] as number, p[1] as number, outer);
    if (where !== 0) return where;
  }
  for (let i = 0; i + 1 < inner.length; i++) {
    const p = inner[i] as Position;
    const q = inner[i + 1] as Position;
    const where = pointInRing(
      ((p[0] as number) + (q[0] as number)) / 2,
      ((p[1] as number) + (q[1] as number)) / 2,
      outer,
    );
    if (where !== 0) return where;
  }
  return 0;
}

class GeometryChecker {
  repeats = 0;
  wrongWinding = 0;
  private errors = 0;

  constructor(
    private readonly problems: ProblemCollector,
    private readonly place: Place,
  ) {}

  private error(code: (typeof PROBLEM_CODES)[keyof typeof PROBLEM_CODES], zh: string, en: string): void {
    if (++this.errors > 5) return;
    this.problems.error(code, { zh: `${zh}${FIX_HINT.zh}`, en: `${en}; ${FIX_HINT.en}` }, this.place);
  }

  /** Clean rings of one polygon, or null when a ring is degenerate. */
  private cleanPolygon(rings: Ring[], part: number | null): Ring[] | null {
    const clean: Ring[] = [];
    let ok = true;
    rings.forEach((raw, index) => {
      const { ring, repeats } = withoutRepeats(raw);
      this.repeats += repeats;
      if (ring.length < 4) {
        const name = ringName({ part, ring: index });
        ok = false;
        this.error(
          PROBLEM_CODES.ringTooShort,
          `${name.zh}去掉重复点后只剩 ${ring.length - 1} 个不同的点，围不成面。`,
          `${name.en} has only ${ring.length - 1} distinct points once repeats are removed, which enclose no area`,
        );
        return;
      }
      const counterClockwise = signedArea2(ring) > 0;
      if (counterClockwise !== (index === 0)) this.wrongWinding++;
      clean.push(ring);
    });
    return ok ? clean : null;
  }

  private selfTouches = 0;

  /** A ring touching itself at a vertex, or running back over itself along a zero-width spike: a warning naming the point (the first three per geometry). */
  private reportSelfTouch(contact: RingContact, names: RingName[]): void {
    if (++this.selfTouches > 3) return;
    const a = ringName(names[contact.ringA] as RingName);
    const at = pointText(contact.at);
    const how =
      contact.kind === 'touch'
        ? { zh: '自身接触', en: 'touches itself' }
        : { zh: '折返重叠（零宽度的尖刺）', en: 'runs back over itself (a zero-width spike)' };
    this.problems.warning(
      PROBLEM_CODES.ringTouchesItself,
      {
        zh: `${a.zh}在 ${at} 处${how.zh}；面积仍然确定，照常计算和载入（ArcGIS 允许这样的环）。如其他软件拒收，可在 QGIS 中用“修复几何”拆开。`,
        en: `${a.en} ${how.en} at ${at}; its area is still well defined, so it is measured and loaded as usual (ArcGIS allows such rings). If other software refuses it, QGIS 'Fix geometries' splits it.`,
      },
      this.place,
    );
  }

  private reportContact(contact: RingContact, names: RingName[]): void {
    const a = ringName(names[contact.ringA] as RingName);
    const b = ringName(names[contact.ringB] as RingName);
    const at = pointText(contact.at);
    const sameRing = contact.ringA === contact.ringB;
    const samePart = (names[contact.ringA] as RingName).part === (names[contact.ringB] as RingName).part;
    if (sameRing) {
      // Only a crossing is refused here: a ring that touches itself at a vertex or retraces a zero-width
      // spike (as ArcGIS writes them) has a well-defined area, and is measured with a warning.
      this.error(
        PROBLEM_CODES.selfIntersection,
        `${a.zh}在 ${at} 处自相交（自相交多边形）。`,
        `${a.en} crosses itself at ${at} (a self-intersecting polygon)`,
      );
    } else if (samePart) {
      this.error(
        PROBLEM_CODES.selfIntersection,
        `${b.zh}与${a.zh}在 ${at} 处相交，洞不能穿出外环。`,
        `${b.en} crosses ${a.en} at ${at}; a hole must stay inside its outer ring`,
      );
    } else {
      this.error(
        PROBLEM_CODES.selfIntersection,
        `MultiPolygon ${b.zh}与${a.zh}在 ${at} 处相交，各部分不能重叠；请合并或修正。`,
        `in the MultiPolygon, ${b.en} crosses ${a.en} at ${at}; parts must not overlap: merge or fix them`,
      );
    }
  }

  /** Holes inside their shell and not inside each other. */
  private checkHoles(polygon: Ring[], part: number | null): void {
    if (polygon.length < 2) return;
    const shell = polygon[0] as Ring;
    const boxes = polygon.map(bboxOf);
    for (let h = 1; h < polygon.length; h++) {
      const hole = polygon[h] as Ring;
      const name = ringName({ part, ring: h });
      if (!boxesMeet(boxes[0] as number[], boxes[h] as number[]) || locate(hole, shell) === -1) {
        this.error(
          PROBLEM_CODES.holeOutsideShell,
          `${name.zh}位于外环之外，洞必须在外环之内。`,
          `${name.en} lies outside the outer ring; a hole must be inside it`,
        );
        continue;
      }
      for (let k = 1; k < polygon.length; k++) {
        if (k === h || !boxesMeet(boxes[k] as number[], boxes[h] as number[])) continue;
        if (locate(hole, polygon[k] as Ring) === 1) {
          const other = ringName({ part, ring: k });
          this.error(
            PROBLEM_CODES.nestedHoles,
            `${name.zh}位于${other.zh}之内，洞不能嵌套。`,
            `${name.en} lies inside ${other.en}; holes must not nest`,
          );
          break;
        }
      }
    }
  }

  /**
   * The interior of each polygon must be connected (OGC simple features, as JTS and GEOS check): rings
   * may touch at points, but rings and touch points must not form a cycle, as a hole touching its outer
   * ring twice does (it cuts the interior in two). Parts of a MultiPolygon may touch one another freely.
   */
  private checkConnected(touches: readonly RingTouch[], names: readonly RingName[]): void {
    // A graph of rings (nodes 0 … names.length − 1) and touch points (nodes after them), per part.
    const parent: number[] = [];
    const find = (node: number): number => {
      let root = node;
      while (parent[root] !== root) root = parent[root] as number;
      for (let at = node; parent[at] !== root; ) {
        const up = parent[at] as number;
        parent[at] = root;
        at = up;
      }
      return root;
    };
    for (let node = 0; node < names.length + touches.length; node++) parent.push(node);
    const links: [number, number][] = [];
    touches.forEach((touch, t) => {
      const point = names.length + t;
      const byPart = new Map<number | null, number[]>();
      for (const ring of touch.rings) {
        const part = (names[ring] as RingName).part;
        byPart.set(part, [...(byPart.get(part) ?? []), ring]);
      }
      for (const rings of byPart.values()) {
        if (rings.length < 2) continue;
        for (const ring of rings) {
          if (find(ring) === find(point)) {
            this.reportCycle([...links, [ring, point]], ring, point, touches, names);
            return;
          }
          parent[find(ring)] = find(point);
          links.push([ring, point]);
        }
      }
    });
  }

  /** The cycle that the link ring–point closed: the rings and points along it, in a message. */
  private reportCycle(
    links: readonly [number, number][],
    ring: number,
    point: number,
    touches: readonly RingTouch[],
    names: readonly RingName[],
  ): void {
    // Breadth-first from `point` to `ring` without the closing link: the rest of the cycle.
    const closing = links.length - 1;
    const from = new Map<number, number>([[point, point]]);
    const queue = [point];
    while (queue.length > 0 && !from.has(ring)) {
      const node = queue.shift() as number;
      links.forEach(([r, p], index) => {
        if (index === closing) return;
        const other = r === node ? p : p === node ? r : -1;
        if (other >= 0 && !from.has(other)) {
          from.set(other, node);
          queue.push(other);
        }
      });
    }
    const rings: number[] = [];
    const points: number[] = [];
    for (let node = ring; ; node = from.get(node) as number) {
      if (node >= names.length) points.push(node - names.length);
      else if (!rings.includes(node)) rings.push(node);
      if (node === point || !from.has(node)) break;
    }
    rings.sort((a, b) => a - b);
    points.sort((a, b) => a - b);
    const ringText = rings.map((r) => ringName(names[r] as RingName));
    const places = points.map((p) => pointText((touches[p] as RingTouch).at));
    const [first, ...others] = ringText as [Bilingual, ...Bilingual[]];
    const who =
      others.length === 1
        ? { zh: `${first.zh}与${others[0]?.zh}`, en: `${first.en} and ${others[0]?.en}` }
        : {
            zh: ringText.map((m) => m.zh).join('、'),
            en: `${ringText
              .slice(0, -1)
              .map((m) => m.en)
              .join(', ')} and ${ringText.at(-1)?.en}`,
          };
    this.error(
      PROBLEM_CODES.disconnectedInterior,
      `${who.zh}在 ${places.join(' 和 ')} 处相接，把面的内部分成了互不相连的几块（内部不连通）；洞与外环或其他洞只能在一个点相接。`,
      `${who.en} touch at ${places.join(' and ')}, which cuts the polygon's interior into pieces (a disconnected interior); a hole may touch the outer ring or another hole at one point only`,
    );
  }

  /** A MultiPolygon part lying inside another part (crossings are found by the contact search). */
  private checkParts(polygons: Ring[][]): void {
    const boxes = polygons.map((polygon) => bboxOf(polygon[0] as Ring));
    for (let p = 0; p < polygons.length; p++) {
      for (let q = 0; q < polygons.length; q++) {
        if (p === q || !boxesMeet(boxes[p] as number[], boxes[q] as number[])) continue;
        const inner = (polygons[p] as Ring[])[0] as Ring;
        const outer = polygons[q] as Ring[];
        const where = locate(inner, outer[0] as Ring);
        const inHole = outer.slice(1).some((hole) => locate(inner, hole) !== -1);
        if ((where === 1 && !inHole) || (where === 0 && p > q)) {
          this.error(
            PROBLEM_CODES.overlappingParts,
            `MultiPolygon 第 ${p} 部分位于第 ${q} 部分之内（或与之重合），面积会重复计算；请合并。`,
            `part ${p} of the MultiPolygon lies inside (or on) part ${q}, which counts its area twice; merge them`,
          );
          return;
        }
      }
    }
  }

  polygons(polygons: Ring[][], isMulti: boolean): void {
    const parts: { rings: Ring[]; part: number | null }[] = [];
    let degenerate = false;
    polygons.forEach((rings, index) => {
      const part = isMulti ? index : null;
      const clean = this.cleanPolygon(rings, part);
      if (!clean) degenerate = true;
      else if (clean.length > 0) parts.push({ rings: clean, part });
    });
    if (degenerate) return;
    const allRings: Ring[] = [];
    const names: RingName[] = [];
    for (const { rings, part } of parts) {
      rings.forEach((ring, index) => {
        allRings.push(ring);
        names.push({ part, ring: index });
      });
    }
    const { contacts: found, touches } = analyseRings(allRings, 3);
    const selfTouches = found.filter((c) => c.ringA === c.ringB && c.kind !== 'cross');
    const contacts = found.filter((c) => !(c.ringA === c.ringB && c.kind !== 'cross'));
    for (const contact of selfTouches) this.reportSelfTouch(contact, names);
    for (const contact of contacts) this.reportContact(contact, names);
    if (contacts.length > 0) return;
    for (const { rings, part } of parts) this.checkHoles(rings, part);
    if (touches.length > 0) this.checkConnected(touches, names);
    if (isMulti && this.errors === 0) this.checkParts(parts.map(({ rings }) => rings));
  }

  geometry(geometry: Geometry): void {
    switch (geometry.type) {
      case 'Polygon':
        this.polygons([geometry.coordinates], false);
        break;
      case 'MultiPolygon':
        this.polygons(geometry.coordinates, true);
        break;
      case 'GeometryCollection':
        for (const member of geometry.geometries) this.geometry(member);
        break;
    }
  }
}

/** Checks the polygons of one structurally sound geometry; problems carry `place`. */
export function checkGeometry(geometry: Geometry, problems: ProblemCollector, place: Place): void {
  const checker = new GeometryChecker(problems, place);
  checker.geometry(geometry);
  if (checker.repeats > 0) {
    problems.warning(
      PROBLEM_CODES.duplicatePosition,
      {
        zh: `有 ${checker.repeats} 个与前一点重复的坐标点；不影响面积，可在 GIS 软件中删除重复点。`,
        en: `${checker.repeats} position${checker.repeats === 1 ? ' repeats' : 's repeat'} the one before; harmless for the area, they can be removed in the GIS software.`,
      },
      place,
    );
  }
  if (checker.wrongWinding > 0) {
    problems.warning(
      PROBLEM_CODES.windingOrder,
      {
        zh: `${checker.wrongWinding} 个环的走向不符合右手法则（RFC 7946：外环逆时针，内环顺时针）；不影响读取和面积，导出时可选择“右手法则”。`,
        en: `${checker.wrongWinding} ring${checker.wrongWinding === 1 ? ' does' : 's do'} not follow the right-hand rule (RFC 7946: outer rings counter-clockwise, holes clockwise); harmless for reading and area, the exporter can be set to the right-hand rule.`,
      },
      place,
    );
  }
}
