// Where polygon rings cross or touch: within one ring (a "kink") and between rings (a hole crossing its
// shell, parts of a MultiPolygon crossing). Small sets of segments are compared pair by pair; larger
// ones (the Heshan boundary has ~4 300 vertices) with a sweep over segments sorted by their west edge.
import type { Position } from 'geojson';

export type ContactKind = 'cross' | 'touch' | 'overlap';

export interface RingContact {
  kind: ContactKind;
  /** Indices into the rings passed in. */
  ringA: number;
  ringB: number;
  /** Where: the crossing point, the touching vertex, or a point of the shared stretch. */
  at: [number, number];
}

function allocate(size: number) {
  return {
    x1: new Float64Array(size),
    y1: new Float64Array(size),
    x2: new Float64Array(size),
    y2: new Float64Array(size),
    west: new Float64Array(size),
    east: new Float64Array(size),
    south: new Float64Array(size),
    north: new Float64Array(size),
    ringOf: new Int32Array(size),
    indexInRing: new Int32Array(size),
  };
}

/** Segment buffers reused from call to call: validating 100 000 plots allocates them once. */
let buffers = allocate(1024);
let ringSegmentsBuffer = new Int32Array(64);

/** Below this many segments a pair-by-pair comparison is faster than sorting. */
const BRUTE_FORCE_LIMIT = 64;

/** Twice the signed area of triangle a, b, c: > 0 when c lies left of a→b. */
export function orient(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
}

function within(a: number, b: number, v: number): boolean {
  return a < b ? a <= v && v <= b : b <= v && v <= a;
}

/**
 * Contacts between rings, given as closed position lists without consecutive duplicates. Adjacent
 * segments of one ring share a vertex and count only when they fold back over each other; every other
 * meeting within a ring counts; between different rings a mere touch at a point does not.
 * Stops after `limit` contacts.
 */
/** Adds a contact unless the same one is known: one pinch is met by up to four segment pairs. */
function addContact(contacts: RingContact[], contact: RingContact): void {
  for (const c of contacts) {
    if (
      c.ringA === contact.ringA &&
      c.ringB === contact.ringB &&
      c.at[0] === contact.at[0] &&
      c.at[1] === contact.at[1]
    )
      return;
  }
  contacts.push(contact);
}

/** Segments i and j of the current buffers, whose boxes meet. */
function testPair(i: number, j: number, ringSegments: Int32Array, contacts: RingContact[]): void {
  const { x1, y1, x2, y2, ringOf, indexInRing } = buffers;
  const ra = ringOf[i] as number;
  const rb = ringOf[j] as number;
  const ax = x1[i] as number;
  const ay = y1[i] as number;
  const bx = x2[i] as number;
  const by = y2[i] as number;
  const cx = x1[j] as number;
  const cy = y1[j] as number;
  const dx = x2[j] as number;
  const dy = y2[j] as number;
  if (ra === rb) {
    const n = ringSegments[ra] as number;
    const ia = indexInRing[i] as number;
    const ib = indexInRing[j] as number;
    const gap = Math.abs(ia - ib);
    if (gap === 1 || gap === n - 1) {
      // Neighbours share a vertex V; they matter only when the second runs back along the first.
      // j follows i (V = b, the far ends a and d) or i follows j (V = a, the far ends b and c).
      const jFollows = (gap === 1) === ia < ib;
      const vx = jFollows ? bx : ax;
      const vy = jFollows ? by : ay;
      const px = jFollows ? ax : bx;
      const py = jFollows ? ay : by;
      const qx = jFollows ? dx : cx;
      const qy = jFollows ? dy : cy;
      if (orient(vx, vy, px, py, qx, qy) === 0 && (px - vx) * (qx - vx) + (py - vy) * (qy - vy) > 0) {
        addContact(contacts, { kind: 'overlap', ringA: ra, ringB: rb, at: [vx, vy] });
      }
      return;
    }
  }
  const d1 = orient(cx, cy, dx, dy, ax, ay);
  const d2 = orient(cx, cy, dx, dy, bx, by);
  const d3 = orient(ax, ay, bx, by, cx, cy);
  const d4 = orient(ax, ay, bx, by, dx, dy);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) {
    const t = d1 / (d1 - d2);
    addContact(contacts, {
      kind: 'cross',
      ringA: ra,
      ringB: rb,
      at: [ax + t * (bx - ax), ay + t * (by - ay)],
    });
    return;
  }
  if (d1 === 0 && d2 === 0) {
    // Collinear: do they share more than a point?
    const useX = ax !== bx;
    const [a0, a1, c0, c1] = useX ? [ax, bx, cx, dx] : [ay, by, cy, dy];
    const lo = Math.max(Math.min(a0, a1), Math.min(c0, c1));
    const hi = Math.min(Math.max(a0, a1), Math.max(c0, c1));
    if (lo < hi) {
      addContact(contacts, {
        kind: 'overlap',
        ringA: ra,
        ringB: rb,
        at: useX ? [lo, ay + ((lo - ax) / (bx - ax)) * (by - ay)] : [ax, lo],
      });
      return;
    }
    if (lo > hi) return;
  }
  let at: [number, number] | null = null;
  if (d1 === 0 && within(cx, dx, ax) && within(cy, dy, ay)) at = [ax, ay];
  else if (d2 === 0 && within(cx, dx, bx) && within(cy, dy, by)) at = [bx, by];
  else if (d3 === 0 && within(ax, bx, cx) && within(ay, by, cy)) at = [cx, cy];
  else if (d4 === 0 && within(ax, bx, dx) && within(ay, by, dy)) at = [dx, dy];
  if (at && ra === rb) addContact(contacts, { kind: 'touch', ringA: ra, ringB: rb, at });
}

export function findRingContacts(rings: readonly (readonly Position[])[], limit = 5): RingContact[] {
  let total = 0;
  for (const ring of rings) total += Math.max(ring.length - 1, 0);
  if (buffers.x1.length < total) buffers = allocate(total * 2);
  const { x1, y1, x2, y2, west, east, south, north, ringOf, indexInRing } = buffers;
  if (ringSegmentsBuffer.length < rings.length) ringSegmentsBuffer = new Int32Array(rings.length * 2);
  const ringSegments = ringSegmentsBuffer;
  let s = 0;
  for (let r = 0; r < rings.length; r++) {
    const ring = rings[r] as readonly Position[];
    ringSegments[r] = ring.length - 1;
    for (let i = 0; i + 1 < ring.length; i++, s++) {
      const p = ring[i] as Position;
      const q = ring[i + 1] as Position;
      const px = p[0] as number;
      const py = p[1] as number;
      const qx = q[0] as number;
      const qy = q[1] as number;
      x1[s] = px;
      y1[s] = py;
      x2[s] = qx;
      y2[s] = qy;
      west[s] = Math.min(px, qx);
      east[s] = Math.max(px, qx);
      south[s] = Math.min(py, qy);
      north[s] = Math.max(py, qy);
      ringOf[s] = r;
      indexInRing[s] = i;
    }
  }

  const contacts: RingContact[] = [];
  if (total <= BRUTE_FORCE_LIMIT) {
    for (let i = 0; i < total && contacts.length < limit; i++) {
      const w = west[i] as number;
      const e = east[i] as number;
      const so = south[i] as number;
      const no = north[i] as number;
      for (let j = i + 1; j < total; j++) {
        if (
          (east[j] as number) < w ||
          (west[j] as number) > e ||
          (north[j] as number) < so ||
          (south[j] as number) > no
        )
          continue;
        testPair(i, j, ringSegments, contacts);
      }
    }
    return contacts.slice(0, limit);
  }

  // Sweep: segments sorted by west edge; each meets only those starting before its east edge.
  const order = new Int32Array(total);
  for (let i = 0; i < total; i++) order[i] = i;
  order.sort((a, b) => (west[a] as number) - (west[b] as number));
  for (let k = 0; k < total && contacts.length < limit; k++) {
    const i = order[k] as number;
    const e = east[i] as number;
    const so = south[i] as number;
    const no = north[i] as number;
    for (let m = k + 1; m < total; m++) {
      const j = order[m] as number;
      if ((west[j] as number) > e) break;
      if ((north[j] as number) < so || (south[j] as number) > no) continue;
      testPair(i, j, ringSegments, contacts);
    }
  }
  return contacts.slice(0, limit);
}

/** 1 inside, 0 on the boundary, −1 outside (ray casting; the ring closed or open). */
export function pointInRing(x: number, y: number, ring: readonly Position[]): 1 | 0 | -1 {
  let inside = false;
  const n = ring.length;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const p = ring[i] as Position;
    const q = ring[j] as Position;
    const px = p[0] as number;
    const py = p[1] as number;
    const qx = q[0] as number;
    const qy = q[1] as number;
    if (orient(qx, qy, px, py, x, y) === 0 && within(px, qx, x) && within(py, qy, y)) return 0;
    if (py > y !== qy > y && x < ((qx - px) * (y - py)) / (qy - py) + px) inside = !inside;
  }
  return inside ? 1 : -1;
}
