// The overlap area of two prepared polygons as a boundary integral of the national strip formula:
// area(P ∩ Q) = Σ terms of the pieces of ∂P inside Q + Σ terms of the pieces of ∂Q inside P, with a
// piece shared by both boundaries counted once when both run the same way and not at all when they run
// opposite ways. Rings are oriented (shells CCW, holes CW) so no ring assembly is needed. Each piece gets
// its own strip term, which is the formula applied to the clipped polygon, exactly as Turf's result would
// be measured. A ring the other boundary does not touch is wholly in or out: one point-in-polygon test,
// and its precomputed area (the containment fast path, no clipping). When a piece cannot be placed
// (it lies on the other boundary but is not one of its pieces, i.e. near-coincident edges), or the
// counted pieces do not close, the answer is NaN and the caller falls back to clipping.
import { collectEdges, findContacts } from './overlap-contacts.ts';
import { PairSide } from './overlap-side.ts';
import { windingAt } from './pip.ts';
import type { PreparedLayer } from './prepared.ts';
import { STRIP_SCALE_M2, stripG } from './strip.ts';

/**
 * The counted pieces must close: their Σ Δx and Σ Δg vanish up to rounding (both telescope over exact
 * differences of shared points). A residue is turned into the area error it could cause over the pair's
 * box; above this many m² the pair is not trusted. Rounding gives ~1e-12 m² at most for parcels.
 */
const CLOSURE_TOLERANCE_M2 = 1e-7;

const P = new PairSide();
const Q = new PairSide();

interface Tally {
  x0: number;
  strip: number;
  ringsM2: number;
  dx: number;
  dg: number;
}

const tally: Tally = { x0: 0, strip: 0, ringsM2: 0, dx: 0, dg: 0 };

/** Adds a chain weighted by the other polygon's winding around it (1 inside, 0 outside when valid). */
function count(w: number, sum: number, dx: number, dg: number): void {
  if (w === 0) return;
  tally.strip += w * sum;
  tally.dx += w * dx;
  tally.dg += w * dg;
}

/** Walks every ring of `side`, adding what lies inside `other`; false when a piece cannot be placed. */
function walkSide(side: PairSide, other: PairSide): boolean {
  const { xs, ys, gs, ringStart, ringBox, ringAreaM2 } = side.layer;
  const { mark, evEdge, evX, evY, evG } = side;
  const ob = other.feature * 4;
  const otherBox = other.layer.featureBox;
  const x0 = tally.x0;
  let ev = 0;
  for (let r = side.firstRing; r < side.lastRing; r++) {
    const start = ringStart[r] as number;
    const end = (ringStart[r + 1] as number) - 1; // the closing copy of vertex `start`
    let touched = ev < side.evCount && (evEdge[ev] as number) < end;
    for (let k = start; !touched && k <= end; k++) touched = mark[k] === 1;
    if (!touched) {
      const b = r * 4;
      if (
        (ringBox[b] as number) >= (otherBox[ob] as number) &&
        (ringBox[b + 1] as number) >= (otherBox[ob + 1] as number) &&
        (ringBox[b + 2] as number) <= (otherBox[ob + 2] as number) &&
        (ringBox[b + 3] as number) <= (otherBox[ob + 3] as number)
      ) {
        const w = windingAt(other.layer, other.feature, xs[start] as number, ys[start] as number);
        if (Number.isNaN(w)) return false;
        tally.ringsM2 += w * (ringAreaM2[r] as number);
      }
      continue;
    }

    // The ring as a cyclic sequence of vertices and events, each flagged when on the other boundary.
    side.ensureSeq(end - start + side.evCount + 1);
    const { seqX, seqY, seqG, seqOn } = side;
    let n = 0;
    for (let k = start; k < end; k++) {
      seqX[n] = xs[k] as number;
      seqY[n] = ys[k] as number;
      seqG[n] = gs[k] as number;
      seqOn[n++] = mark[k] === 1 || (k === start && mark[end] === 1) ? 1 : 0;
      const nx = xs[k + 1] as number;
      const ny = ys[k + 1] as number;
      for (; ev < side.evCount && evEdge[ev] === k; ev++) {
        const x = evX[ev] as number;
        const y = evY[ev] as number;
        if (x === seqX[n - 1] && y === seqY[n - 1]) seqOn[n - 1] = 1;
        else if (x === nx && y === ny) side.markVertex(k + 1 === end ? start : k + 1);
        else {
          seqX[n] = x;
          seqY[n] = y;
          seqG[n] = evG[ev] as number;
          seqOn[n++] = 1;
        }
      }
    }
    if (mark[start] === 1) seqOn[0] = 1;

    let first = 0;
    while (first < n && seqOn[first] === 0) first++;
    if (first === n) return false; // touched yet no point on the other boundary: cannot happen

    // Chains run from one on-boundary point to the next and lie wholly inside or outside the other.
    let chainStart = first;
    let sum = 0;
    let rep = -1;
    for (let m = 0; m < n; m++) {
      const i = (first + m) % n;
      const j = (i + 1) % n;
      const xi = seqX[i] as number;
      const xj = seqX[j] as number;
      sum += ((xi + xj) / 2 - x0) * ((seqG[j] as number) - (seqG[i] as number));
      if (seqOn[j] === 0) {
        if (rep < 0) rep = j;
        continue;
      }
      const dx = xj - (seqX[chainStart] as number);
      const dg = (seqG[j] as number) - (seqG[chainStart] as number);
      if (rep >= 0) {
        const w = windingAt(other.layer, other.feature, seqX[rep] as number, seqY[rep] as number);
        if (Number.isNaN(w)) return false;
        count(w, sum, dx, dg);
      } else {
        side.pushCandidate(
          seqX[chainStart] as number,
          seqY[chainStart] as number,
          xj,
          seqY[j] as number,
          sum,
          dx,
          dg,
        );
      }
      chainStart = j;
      sum = 0;
      rep = -1;
    }
  }
  return true;
}

/** Above this many P × Q candidate pieces, matching goes through a hash table instead of scanning Q. */
const SCAN_LIMIT = 256;

/**
 * Q's candidate pieces by their two ends, either way round: identical polygons share every piece
 * (thousands of them), and scanning Q's list for each of P's made such a pair quadratic (40 ms for a
 * city outline). Chains list candidates in Q's order, so the first unused match is the scan's.
 */
const pieces = {
  head: new Int32Array(64),
  next: new Int32Array(32),
  bits: new Float64Array(4),
};
const pieceWords = new Int32Array(pieces.bits.buffer);

/** A hash of a piece's ends, the same whichever way it runs (−0 counted as 0, as === does). */
function pieceHash(x1: number, y1: number, x2: number, y2: number): number {
  const firstLow = x1 < x2 || (x1 === x2 && y1 <= y2);
  const { bits } = pieces;
  bits[0] = (firstLow ? x1 : x2) + 0;
  bits[1] = (firstLow ? y1 : y2) + 0;
  bits[2] = (firstLow ? x2 : x1) + 0;
  bits[3] = (firstLow ? y2 : y1) + 0;
  let h = 0x811c9dc5;
  for (let k = 0; k < 8; k++) h = Math.imul(h ^ (pieceWords[k] as number), 0x01000193);
  return (h ^ (h >>> 15)) >>> 0;
}

function indexQPieces(): number {
  const qc = Q.cand;
  let size = 64;
  while (size < Q.candCount * 2) size *= 2;
  if (pieces.head.length < size) pieces.head = new Int32Array(size);
  if (pieces.next.length < Q.candCount) pieces.next = new Int32Array(Q.candCount * 2);
  const { head, next } = pieces;
  head.fill(-1, 0, size);
  for (let j = Q.candCount - 1; j >= 0; j--) {
    const b = j * 7;
    const slot =
      pieceHash(qc[b] as number, qc[b + 1] as number, qc[b + 2] as number, qc[b + 3] as number) & (size - 1);
    next[j] = head[slot] as number;
    head[slot] = j;
  }
  return size;
}

/**
 * Q's first unused candidate (in Q's order) that P's piece x1,y1 → x2,y2 matches, marked used: 1 when
 * it runs the same way, −1 the opposite way, 0 when there is none. `size`: of the hash table, or 0 to
 * scan.
 */
function matchCandidate(x1: number, y1: number, x2: number, y2: number, size: number): number {
  const qc = Q.cand;
  let j = size > 0 ? (pieces.head[pieceHash(x1, y1, x2, y2) & (size - 1)] as number) : 0;
  while (size > 0 ? j >= 0 : j < Q.candCount) {
    if (Q.candUsed[j] !== 1) {
      const b = j * 7;
      let matched = 0;
      if (qc[b] === x1 && qc[b + 1] === y1 && qc[b + 2] === x2 && qc[b + 3] === y2) matched = 1;
      else if (qc[b] === x2 && qc[b + 1] === y2 && qc[b + 2] === x1 && qc[b + 3] === y1) matched = -1;
      if (matched !== 0) {
        Q.candUsed[j] = 1;
        return matched;
      }
    }
    j = size > 0 ? (pieces.next[j] as number) : j + 1;
  }
  return 0;
}

/** Pieces from contact point to contact point: shared ones count once (same way) or not at all. */
function settleCandidates(): boolean {
  const pc = P.cand;
  const qc = Q.cand;
  const size = P.candCount * Q.candCount > SCAN_LIMIT ? indexQPieces() : 0;
  for (let i = 0; i < P.candCount; i++) {
    const a = i * 7;
    const x1 = pc[a] as number;
    const y1 = pc[a + 1] as number;
    const x2 = pc[a + 2] as number;
    const y2 = pc[a + 3] as number;
    const matched = matchCandidate(x1, y1, x2, y2, size);
    if (matched === 1) count(1, pc[a + 4] as number, pc[a + 5] as number, pc[a + 6] as number);
    if (matched !== 0) continue;
    const w = windingAt(Q.layer, Q.feature, (x1 + x2) / 2, (y1 + y2) / 2);
    if (Number.isNaN(w)) return false;
    count(w, pc[a + 4] as number, pc[a + 5] as number, pc[a + 6] as number);
  }
  for (let j = 0; j < Q.candCount; j++) {
    if (Q.candUsed[j] === 1) continue;
    const b = j * 7;
    const mx = ((qc[b] as number) + (qc[b + 2] as number)) / 2;
    const my = ((qc[b + 1] as number) + (qc[b + 3] as number)) / 2;
    const w = windingAt(P.layer, P.feature, mx, my);
    if (Number.isNaN(w)) return false;
    count(w, qc[b + 4] as number, qc[b + 5] as number, qc[b + 6] as number);
  }
  return true;
}

/**
 * Area of p ∩ q in m² by the national formula; 0 when they are apart or only touch (up to rounding, so
 * the caller applies its epsilon); NaN when the boundary integral cannot decide and clipping must.
 */
export function overlapAreaM2(layerP: PreparedLayer, p: number, layerQ: PreparedLayer, q: number): number {
  const pb = layerP.featureBox;
  const qb = layerQ.featureBox;
  const minX = Math.max(pb[p * 4] as number, qb[q * 4] as number);
  const minY = Math.max(pb[p * 4 + 1] as number, qb[q * 4 + 1] as number);
  const maxX = Math.min(pb[p * 4 + 2] as number, qb[q * 4 + 2] as number);
  const maxY = Math.min(pb[p * 4 + 3] as number, qb[q * 4 + 3] as number);
  // Boxes apart, or meeting along a line or at a point: the polygons share no area. (NaN boxes of
  // features without area fail the test too.)
  if (!(minX < maxX && minY < maxY)) return 0;
  P.reset(layerP, p);
  Q.reset(layerQ, q);
  collectEdges(P, minX, minY, maxX, maxY);
  collectEdges(Q, minX, minY, maxX, maxY);
  if (P.edgeCount > 0 && Q.edgeCount > 0) findContacts(P, Q);
  P.sortEvents();
  Q.sortEvents();
  tally.x0 = minX;
  tally.strip = 0;
  tally.ringsM2 = 0;
  tally.dx = 0;
  tally.dg = 0;
  const ok = walkSide(P, Q) && walkSide(Q, P) && settleCandidates();
  P.clearMarks();
  Q.clearMarks();
  if (!ok) return Number.NaN;
  const residueM2 =
    STRIP_SCALE_M2 *
    (Math.abs(tally.dg) * (maxX - minX) + Math.abs(tally.dx) * Math.abs(stripG(maxY) - stripG(minY)));
  if (!(residueM2 <= CLOSURE_TOLERANCE_M2)) return Number.NaN;
  return tally.ringsM2 + STRIP_SCALE_M2 * tally.strip;
}
