// Where polygon rings cross or touch: within one ring (a "kink") and between rings (a hole crossing its
// shell, parts of a MultiPolygon crossing), and where different rings touch at a point (which decides
// whether a polygon's interior stays connected). Small sets of segments are compared pair by pair.
// Larger ones go through a sweep that is O(n log n) in the worst case (Shamos–Hoey: segments ordered by
// height along a line sweeping west to east, each compared only with its neighbours in that order), so
// no shape, however long its edges, makes the check quadratic; a comb of 400 000 vertices whose edges
// all span the same longitudes takes a second or two. Only when that sweep finds a contact are the
// contacts listed exactly as a pair-by-pair comparison in west-edge order would (behind a packed R-tree
// over the segment boxes, with a budget of pairs; a shape that spends it gets the sweep's first contact).
import Flatbush from 'flatbush';
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
function orient(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
}

function within(a: number, b: number, v: number): boolean {
  return a < b ? a <= v && v <= b : b <= v && v <= a;
}

/** A point where two or more different rings meet (a vertex of one on the other, or a shared vertex). */
export interface RingTouch {
  at: [number, number];
  /** Indices of the rings meeting there, ascending. */
  rings: number[];
}

export interface RingAnalysis {
  /** Crossings, overlaps and a ring touching itself: at most `limit`, as findRingContacts lists them. */
  contacts: RingContact[];
  /** Points where different rings touch, west to east; listed only when `contacts` is empty. */
  touches: RingTouch[];
}

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

/** A touch of two different rings is no fault of either; every other contact is. */
function isFault(contact: RingContact): boolean {
  return contact.kind !== 'touch' || contact.ringA === contact.ringB;
}

/**
 * How segments i and j of the current buffers meet, or null. Neighbours within a ring share a vertex
 * and count only when the second runs back along the first. Different rings touching at a point give a
 * 'touch' with ringA ≠ ringB (no fault by itself: see isFault).
 */
function pairContact(i: number, j: number, ringSegments: Int32Array): RingContact | null {
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
        return { kind: 'overlap', ringA: ra, ringB: rb, at: [vx, vy] };
      }
      return null;
    }
  }
  const d1 = orient(cx, cy, dx, dy, ax, ay);
  const d2 = orient(cx, cy, dx, dy, bx, by);
  const d3 = orient(ax, ay, bx, by, cx, cy);
  const d4 = orient(ax, ay, bx, by, dx, dy);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) {
    const t = d1 / (d1 - d2);
    return { kind: 'cross', ringA: ra, ringB: rb, at: [ax + t * (bx - ax), ay + t * (by - ay)] };
  }
  if (d1 === 0 && d2 === 0) {
    // Collinear: do they share more than a point?
    const useX = ax !== bx;
    const [a0, a1, c0, c1] = useX ? [ax, bx, cx, dx] : [ay, by, cy, dy];
    const lo = Math.max(Math.min(a0, a1), Math.min(c0, c1));
    const hi = Math.min(Math.max(a0, a1), Math.max(c0, c1));
    if (lo < hi) {
      return {
        kind: 'overlap',
        ringA: ra,
        ringB: rb,
        at: useX ? [lo, ay + ((lo - ax) / (bx - ax)) * (by - ay)] : [ax, lo],
      };
    }
    if (lo > hi) return null;
  }
  let at: [number, number] | null = null;
  if (d1 === 0 && within(cx, dx, ax) && within(cy, dy, ay)) at = [ax, ay];
  else if (d2 === 0 && within(cx, dx, bx) && within(cy, dy, by)) at = [bx, by];
  else if (d3 === 0 && within(ax, bx, cx) && within(ay, by, cy)) at = [cx, cy];
  else if (d4 === 0 && within(ax, bx, dx) && within(ay, by, dy)) at = [dx, dy];
  return at ? { kind: 'touch', ringA: ra, ringB: rb, at } : null;
}

/** Fills the segment buffers; the number of segments and each ring's segment count. */
function loadSegments(rings: readonly (readonly Position[])[]): { total: number; ringSegments: Int32Array } {
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
  return { total, ringSegments };
}

/** Segment numbers sorted by west edge (stable): the order in which contacts are listed. */
function westOrder(total: number): Int32Array {
  const { west } = buffers;
  const order = new Int32Array(total);
  for (let i = 0; i < total; i++) order[i] = i;
  return order.sort((a, b) => (west[a] as number) - (west[b] as number));
}

/**
 * The segments of the current buffers and a test of one pair, for a benchmark's reference run of the
 * former quadratic sweep: `test(i, j)` adds what segments i and j share to `contacts` as
 * findRingContacts would (i before j in west-edge order).
 */
export function segmentsForReference(rings: readonly (readonly Position[])[]): {
  total: number;
  west: Float64Array;
  east: Float64Array;
  south: Float64Array;
  north: Float64Array;
  order: Int32Array;
  test: (i: number, j: number, contacts: RingContact[]) => void;
} {
  const { total, ringSegments } = loadSegments(rings);
  const { west, east, south, north } = buffers;
  return {
    total,
    west,
    east,
    south,
    north,
    order: westOrder(total),
    test: (i, j, contacts) => {
      const contact = pairContact(i, j, ringSegments);
      if (contact && isFault(contact)) addContact(contacts, contact);
    },
  };
}

/** Segments met at each point where something more than a ring's own vertex happens. */
class TouchPoints {
  private readonly points = new Map<string, { x: number; y: number; segments: number[] }>();

  add(x: number, y: number, segment: number): void {
    const key = `${x},${y}`;
    let point = this.points.get(key);
    if (!point) {
      point = { x, y, segments: [] };
      this.points.set(key, point);
    }
    if (!point.segments.includes(segment)) point.segments.push(segment);
  }

  get size(): number {
    return this.points.size;
  }

  /**
   * A pair of segments of one ring that meet at one of the points other than as neighbours (the ring
   * touches itself there), or else the touches between different rings, west to east.
   */
  settle(ringSegments: Int32Array): { fault: [number, number] | null; touches: RingTouch[] } {
    const { ringOf } = buffers;
    const touches: RingTouch[] = [];
    for (const { x, y, segments } of this.points.values()) {
      const byRing = new Map<number, number[]>();
      for (const s of segments) {
        const ring = ringOf[s] as number;
        const list = byRing.get(ring);
        if (list) list.push(s);
        else byRing.set(ring, [s]);
      }
      for (const list of byRing.values()) {
        // A ring passes a point once with one segment (through it) or two (in and out at a vertex):
        // among any three of its segments there, two meet otherwise.
        const few = list.slice(0, 3);
        for (let a = 0; a < few.length; a++) {
          for (let b = a + 1; b < few.length; b++) {
            const contact = pairContact(few[a] as number, few[b] as number, ringSegments);
            if (contact) return { fault: [few[a] as number, few[b] as number], touches: [] };
          }
        }
      }
      if (byRing.size > 1) touches.push({ at: [x, y], rings: [...byRing.keys()].sort((a, b) => a - b) });
    }
    touches.sort((a, b) => a.at[0] - b.at[0] || a.at[1] - b.at[1]);
    return { fault: null, touches };
  }
}

/**
 * The sweep's order of segments crossing the sweep line: a treap over segment numbers with parent links,
 * so that a segment is removed and its neighbours found without comparing anything.
 */
class SweepStatus {
  private root = -1;
  private readonly left: Int32Array;
  private readonly right: Int32Array;
  private readonly parent: Int32Array;
  private readonly priority: Uint32Array;

  constructor(size: number) {
    this.left = new Int32Array(size);
    this.right = new Int32Array(size);
    this.parent = new Int32Array(size);
    this.priority = new Uint32Array(size);
    // Random priorities keep the treap's depth logarithmic whatever order the input puts segments in
    // (fixed ones could be matched by a crafted polygon); only speed depends on them, never a result.
    for (let i = 0; i < size; i++) this.priority[i] = (Math.random() * 0x1_0000_0000) >>> 0;
  }

  /** Inserts s; `below(s, t)` says whether s goes below t. */
  insert(s: number, below: (s: number, t: number) => boolean): void {
    const { left, right, parent, priority } = this;
    left[s] = -1;
    right[s] = -1;
    if (this.root < 0) {
      parent[s] = -1;
      this.root = s;
      return;
    }
    let at = this.root;
    for (;;) {
      const goLeft = below(s, at);
      const child = (goLeft ? left[at] : right[at]) as number;
      if (child < 0) {
        if (goLeft) left[at] = s;
        else right[at] = s;
        break;
      }
      at = child;
    }
    parent[s] = at;
    while ((parent[s] as number) >= 0 && (priority[s] as number) < (priority[parent[s] as number] as number))
      this.rotateUp(s);
  }

  remove(s: number): void {
    const { left, right, parent, priority } = this;
    for (;;) {
      const l = left[s] as number;
      const r = right[s] as number;
      if (l < 0 && r < 0) break;
      this.rotateUp(l < 0 ? r : r < 0 ? l : (priority[l] as number) < (priority[r] as number) ? l : r);
    }
    const p = parent[s] as number;
    if (p < 0) this.root = -1;
    else if (left[p] === s) left[p] = -1;
    else right[p] = -1;
  }

  previous(s: number): number {
    return this.neighbour(s, this.left, this.right);
  }

  next(s: number): number {
    return this.neighbour(s, this.right, this.left);
  }

  /** The in-order neighbour of s on the `toward` side (left: the previous, right: the next), or -1. */
  private neighbour(s: number, toward: Int32Array, away: Int32Array): number {
    let x = toward[s] as number;
    if (x >= 0) {
      while ((away[x] as number) >= 0) x = away[x] as number;
      return x;
    }
    x = s;
    const { parent } = this;
    let p = parent[x] as number;
    while (p >= 0 && toward[p] === x) {
      x = p;
      p = parent[p] as number;
    }
    return p;
  }

  private rotateUp(x: number): void {
    const { left, right, parent } = this;
    const p = parent[x] as number;
    const g = parent[p] as number;
    if (left[p] === x) {
      const inner = right[x] as number;
      left[p] = inner;
      if (inner >= 0) parent[inner] = p;
      right[x] = p;
    } else {
      const inner = left[x] as number;
      right[p] = inner;
      if (inner >= 0) parent[inner] = p;
      left[x] = p;
    }
    parent[p] = x;
    parent[x] = g;
    if (g < 0) this.root = x;
    else if (left[g] === p) left[g] = x;
    else right[g] = x;
  }
}

/**
 * Shamos–Hoey over the current buffers: O(n log n) in the worst case. Stops at the first fault (a pair
 * of segments), else returns the points where different rings touch. Segments run from their west end
 * (the lexicographically smaller, so a vertical one from its south end); at each event point those
 * ending there leave the status before those starting there enter, so neighbours in a ring never meet
 * in it. Until the first fault no two segments cross, so the order stays valid; every pair that becomes
 * adjacent is tested, which finds the westmost fault, and every touch (the segments through a point
 * form a block of neighbours just before or after it; segments only ending or only starting there are
 * compared as a group).
 */
function sweep(
  total: number,
  ringSegments: Int32Array,
): { fault: [number, number] | null; touches: RingTouch[] } {
  const { x1, y1, x2, y2 } = buffers;
  const lx = new Float64Array(total);
  const ly = new Float64Array(total);
  const rx = new Float64Array(total);
  const ry = new Float64Array(total);
  for (let s = 0; s < total; s++) {
    const ax = x1[s] as number;
    const ay = y1[s] as number;
    const bx = x2[s] as number;
    const by = y2[s] as number;
    const aFirst = ax < bx || (ax === bx && ay < by);
    lx[s] = aFirst ? ax : bx;
    ly[s] = aFirst ? ay : by;
    rx[s] = aFirst ? bx : ax;
    ry[s] = aFirst ? by : ay;
  }
  const starts = new Int32Array(total);
  const ends = new Int32Array(total);
  for (let s = 0; s < total; s++) {
    starts[s] = s;
    ends[s] = s;
  }
  starts.sort((a, b) => (lx[a] as number) - (lx[b] as number) || (ly[a] as number) - (ly[b] as number));
  ends.sort((a, b) => (rx[a] as number) - (rx[b] as number) || (ry[a] as number) - (ry[b] as number));

  const below = (s: number, t: number): boolean => {
    const tx = lx[t] as number;
    const ty = ly[t] as number;
    const ux = rx[t] as number;
    const uy = ry[t] as number;
    let side = orient(tx, ty, ux, uy, lx[s] as number, ly[s] as number);
    if (side === 0) side = orient(tx, ty, ux, uy, rx[s] as number, ry[s] as number);
    return side === 0 ? s < t : side < 0;
  };

  const status = new SweepStatus(total);
  const points = new TouchPoints();
  let fault: [number, number] | null = null;
  const check = (a: number, b: number): void => {
    if (a < 0 || b < 0 || fault) return;
    const contact = pairContact(a, b, ringSegments);
    if (!contact) return;
    if (isFault(contact)) fault = a < b ? [a, b] : [b, a];
    else {
      points.add(contact.at[0], contact.at[1], a);
      points.add(contact.at[0], contact.at[1], b);
    }
  };

  const group: number[] = [];
  let si = 0;
  let ei = 0;
  while (ei < total && !fault) {
    // The next event point: the lexicographically smaller of the next end and the next start.
    const e = ends[ei] as number;
    let px = rx[e] as number;
    let py = ry[e] as number;
    if (si < total) {
      const s = starts[si] as number;
      const sx = lx[s] as number;
      const sy = ly[s] as number;
      if (sx < px || (sx === px && sy < py)) {
        px = sx;
        py = sy;
      }
    }
    group.length = 0;
    for (; ei < total && rx[ends[ei] as number] === px && ry[ends[ei] as number] === py; ei++) {
      const t = ends[ei] as number;
      group.push(t);
      if (lx[t] === px && ly[t] === py) continue; // a segment of no length: it enters and leaves below
      const above = status.next(t);
      const under = status.previous(t);
      status.remove(t);
      check(under, above);
    }
    for (; si < total && lx[starts[si] as number] === px && ly[starts[si] as number] === py; si++) {
      const s = starts[si] as number;
      group.push(s);
      status.insert(s, below);
      check(s, status.previous(s));
      check(s, status.next(s));
      if (rx[s] === px && ry[s] === py) {
        const above = status.next(s);
        const under = status.previous(s);
        status.remove(s);
        check(under, above);
      }
    }
    if (
      group.length > 2 ||
      (group.length === 2 && pairContact(group[0] as number, group[1] as number, ringSegments))
    ) {
      for (const s of group) points.add(px, py, s);
    }
  }
  if (fault) return { fault, touches: [] };
  return points.size === 0 ? { fault: null, touches: [] } : points.settle(ringSegments);
}

/** Pairs of segments tested when contacts must be listed, per segment, before the sweep's answer is taken. */
const PAIRS_PER_SEGMENT = 32;

/**
 * The first `limit` distinct contacts in the order a comparison of every pair of segments whose boxes
 * meet, in west-edge order, finds them; null when that needs more than the budget of pairs.
 */
function listContacts(total: number, ringSegments: Int32Array, limit: number): RingContact[] | null {
  const { west, east, south, north } = buffers;
  const order = westOrder(total);
  const rank = new Int32Array(total);
  for (let k = 0; k < total; k++) rank[order[k] as number] = k;
  const index = new Flatbush(total);
  for (let s = 0; s < total; s++)
    index.add(west[s] as number, south[s] as number, east[s] as number, north[s] as number);
  index.finish();
  const budget = PAIRS_PER_SEGMENT * total + 1_000_000;
  let tested = 0;
  const found: number[] = [];
  for (let i = 0; i < total && tested <= budget; i++) {
    const ri = rank[i] as number;
    index.search(west[i] as number, south[i] as number, east[i] as number, north[i] as number, (j) => {
      const rj = rank[j] as number;
      if (rj <= ri) return false;
      tested++;
      const contact = pairContact(i, j, ringSegments);
      if (contact && isFault(contact)) found.push(ri * total + rj);
      return false;
    });
  }
  if (tested > budget) return null;
  found.sort((a, b) => a - b);
  const contacts: RingContact[] = [];
  for (const pair of found) {
    const k = Math.floor(pair / total);
    const contact = pairContact(order[k] as number, order[pair - k * total] as number, ringSegments);
    if (contact) addContact(contacts, contact);
    if (contacts.length >= limit) break;
  }
  return contacts;
}

/** Pair-by-pair over every two segments whose boxes meet, in input order. */
function comparePairs(total: number, ringSegments: Int32Array, limit: number): RingAnalysis {
  const { west, east, south, north } = buffers;
  const contacts: RingContact[] = [];
  const points = new TouchPoints();
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
      const contact = pairContact(i, j, ringSegments);
      if (!contact) continue;
      if (isFault(contact)) addContact(contacts, contact);
      else {
        points.add(contact.at[0], contact.at[1], i);
        points.add(contact.at[0], contact.at[1], j);
      }
    }
  }
  if (contacts.length > 0) return { contacts: contacts.slice(0, limit), touches: [] };
  return { contacts: [], touches: points.settle(ringSegments).touches };
}

export type ContactMethod = 'auto' | 'pairs' | 'sweep';

/**
 * Contacts between rings, given as closed position lists without consecutive duplicates. Adjacent
 * segments of one ring share a vertex and count only when they fold back over each other; every other
 * meeting within a ring counts; between different rings a mere touch at a point is no contact, but is
 * listed among the touches. At most `limit` contacts. `method` is for tests: 'auto' compares pair by
 * pair up to BRUTE_FORCE_LIMIT segments and sweeps above.
 */
export function analyseRings(
  rings: readonly (readonly Position[])[],
  limit = 5,
  method: ContactMethod = 'auto',
): RingAnalysis {
  const { total, ringSegments } = loadSegments(rings);
  if (method === 'pairs' || (method === 'auto' && total <= BRUTE_FORCE_LIMIT))
    return comparePairs(total, ringSegments, limit);
  const swept = sweep(total, ringSegments);
  if (!swept.fault) return { contacts: [], touches: swept.touches };
  const listed = listContacts(total, ringSegments, limit);
  if (listed) return { contacts: listed, touches: [] };
  const [i, j] = swept.fault;
  const contact = pairContact(i, j, ringSegments) as RingContact;
  return { contacts: [contact], touches: [] };
}

/** The contacts of analyseRings: crossings, overlaps, rings touching themselves. */
export function findRingContacts(
  rings: readonly (readonly Position[])[],
  limit = 5,
  method: ContactMethod = 'auto',
): RingContact[] {
  return analyseRings(rings, limit, method).contacts;
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
