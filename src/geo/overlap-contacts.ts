// Where the boundaries of two prepared polygons meet: proper crossings become events on both edges (one
// computed point shared by both, so the walk on each side uses the very same coordinates), and a vertex
// lying on the other boundary becomes a mark on its own side and, when it falls inside an edge of the
// other side, an event there too. Collinear overlaps are covered by the vertex rules.
import type { PairSide } from './overlap-side.ts';
import { stripG } from './strip.ts';

/** Collects the edges of `side` whose boxes meet the box; only those can touch the other polygon. */
export function collectEdges(side: PairSide, minX: number, minY: number, maxX: number, maxY: number): void {
  const { xs, ys, ringStart, ringBox } = side.layer;
  for (let r = side.firstRing; r < side.lastRing; r++) {
    const b = r * 4;
    if (
      (ringBox[b] as number) > maxX ||
      (ringBox[b + 2] as number) < minX ||
      (ringBox[b + 1] as number) > maxY ||
      (ringBox[b + 3] as number) < minY
    ) {
      continue;
    }
    const end = (ringStart[r + 1] as number) - 1;
    for (let k = ringStart[r] as number; k < end; k++) {
      const x1 = xs[k] as number;
      const x2 = xs[k + 1] as number;
      if ((x1 < minX && x2 < minX) || (x1 > maxX && x2 > maxX)) continue;
      const y1 = ys[k] as number;
      const y2 = ys[k + 1] as number;
      if ((y1 < minY && y2 < minY) || (y1 > maxY && y2 > maxY)) continue;
      side.pushEdge(k);
    }
  }
}

/** A vertex of `owner` lies on edge k of `host` (collinear and within its box). */
function contact(host: PairSide, k: number, owner: PairSide, v: number): void {
  owner.markVertex(v);
  const { xs, ys, gs } = owner.layer;
  const x = xs[v] as number;
  const y = ys[v] as number;
  const hx = host.layer.xs;
  const hy = host.layer.ys;
  if (x === hx[k] && y === hy[k]) host.markVertex(k);
  else if (x === hx[k + 1] && y === hy[k + 1]) host.markVertex(k + 1);
  else host.pushEvent(k, x, y, gs[v] as number);
}

function within(x: number, y: number, x1: number, y1: number, x2: number, y2: number): boolean {
  return (x1 <= x ? x <= x2 : x2 <= x) && (y1 <= y ? y <= y2 : y2 <= y);
}

function testEdges(p: PairSide, pk: number, q: PairSide, qk: number): void {
  const pxs = p.layer.xs;
  const pys = p.layer.ys;
  const qxs = q.layer.xs;
  const qys = q.layer.ys;
  const ax = pxs[pk] as number;
  const ay = pys[pk] as number;
  const bx = pxs[pk + 1] as number;
  const by = pys[pk + 1] as number;
  const cx = qxs[qk] as number;
  const cy = qys[qk] as number;
  const dx = qxs[qk + 1] as number;
  const dy = qys[qk + 1] as number;
  if (
    (ax < cx && ax < dx && bx < cx && bx < dx) ||
    (ax > cx && ax > dx && bx > cx && bx > dx) ||
    (ay < cy && ay < dy && by < cy && by < dy) ||
    (ay > cy && ay > dy && by > cy && by > dy)
  ) {
    return;
  }
  const d1 = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
  const d2 = (bx - ax) * (dy - ay) - (by - ay) * (dx - ax);
  if ((d1 > 0 && d2 > 0) || (d1 < 0 && d2 < 0)) return;
  const d3 = (dx - cx) * (ay - cy) - (dy - cy) * (ax - cx);
  const d4 = (dx - cx) * (by - cy) - (dy - cy) * (bx - cx);
  if ((d3 > 0 && d4 > 0) || (d3 < 0 && d4 < 0)) return;
  if (d1 !== 0 && d2 !== 0 && d3 !== 0 && d4 !== 0) {
    const t = d3 / (d3 - d4);
    const x = ax + t * (bx - ax);
    const y = ay + t * (by - ay);
    const g = stripG(y);
    p.pushEvent(pk, x, y, g);
    q.pushEvent(qk, x, y, g);
    return;
  }
  if (d1 === 0 && within(cx, cy, ax, ay, bx, by)) contact(p, pk, q, qk);
  if (d2 === 0 && within(dx, dy, ax, ay, bx, by)) contact(p, pk, q, qk + 1);
  if (d3 === 0 && within(ax, ay, cx, cy, dx, dy)) contact(q, qk, p, pk);
  if (d4 === 0 && within(bx, by, cx, cy, dx, dy)) contact(q, qk, p, pk + 1);
}

function edgeMinX(side: PairSide, k: number): number {
  const xs = side.layer.xs;
  return Math.min(xs[k] as number, xs[k + 1] as number);
}

function edgeMaxX(side: PairSide, k: number): number {
  const xs = side.layer.xs;
  return Math.max(xs[k] as number, xs[k + 1] as number);
}

/** Every pair of collected edges is tested; many edges on both sides go through a sweep on longitude. */
export function findContacts(p: PairSide, q: PairSide): void {
  const np = p.edgeCount;
  const nq = q.edgeCount;
  const pe = p.edges;
  const qe = q.edges;
  if (np * nq <= 1024) {
    for (let i = 0; i < np; i++) {
      const pk = pe[i] as number;
      for (let j = 0; j < nq; j++) testEdges(p, pk, q, qe[j] as number);
    }
    return;
  }
  const ps = pe.subarray(0, np).sort((a, b) => edgeMinX(p, a) - edgeMinX(p, b));
  const qs = qe.subarray(0, nq).sort((a, b) => edgeMinX(q, a) - edgeMinX(q, b));
  // Each overlapping pair in x is met once: from the p edge when the q edge starts at or after it,
  // from the q edge when the p edge starts strictly after it.
  let j0 = 0;
  for (let i = 0; i < np; i++) {
    const pk = ps[i] as number;
    const lo = edgeMinX(p, pk);
    const hi = edgeMaxX(p, pk);
    while (j0 < nq && edgeMinX(q, qs[j0] as number) < lo) j0++;
    for (let j = j0; j < nq && edgeMinX(q, qs[j] as number) <= hi; j++) testEdges(p, pk, q, qs[j] as number);
  }
  let i0 = 0;
  for (let j = 0; j < nq; j++) {
    const qk = qs[j] as number;
    const lo = edgeMinX(q, qk);
    const hi = edgeMaxX(q, qk);
    while (i0 < np && edgeMinX(p, ps[i0] as number) <= lo) i0++;
    for (let i = i0; i < np && edgeMinX(p, ps[i] as number) <= hi; i++) testEdges(p, ps[i] as number, q, qk);
  }
}
