// Scratch memory for one polygon of a pair in the overlap engine, reused from pair to pair so that the
// hot loop allocates nothing: its edges near the other polygon, the points where the two boundaries meet
// (events on its edges, marks on its vertices), the walk along a ring, and the pieces that may be shared.
import type { PreparedLayer } from './prepared.ts';

function grownF64(a: Float64Array<ArrayBuffer>, n: number): Float64Array<ArrayBuffer> {
  if (n <= a.length) return a;
  const b = new Float64Array(Math.max(n, a.length * 2));
  b.set(a);
  return b;
}

function grownI32(a: Int32Array<ArrayBuffer>, n: number): Int32Array<ArrayBuffer> {
  if (n <= a.length) return a;
  const b = new Int32Array(Math.max(n, a.length * 2));
  b.set(a);
  return b;
}

export class PairSide {
  layer!: PreparedLayer;
  feature = 0;
  /** The feature's rings: firstRing … lastRing − 1. */
  firstRing = 0;
  lastRing = 0;
  /** Edge k runs from vertex k to vertex k + 1. */
  edges = new Int32Array(64);
  edgeCount = 0;

  evEdge = new Int32Array(16);
  evT = new Float64Array(16);
  evX = new Float64Array(16);
  evY = new Float64Array(16);
  evG = new Float64Array(16);
  evCount = 0;

  /** Vertices lying on the other polygon's boundary; `marked` lists them so clearing costs nothing. */
  mark = new Uint8Array(64);
  marked = new Int32Array(16);
  markedCount = 0;

  seqX = new Float64Array(64);
  seqY = new Float64Array(64);
  seqG = new Float64Array(64);
  seqOn = new Uint8Array(64);

  /** Pieces running from one contact point straight to the next: x1, y1, x2, y2, strip sum, Δx, Δg. */
  cand = new Float64Array(7 * 8);
  candUsed = new Uint8Array(8);
  candCount = 0;

  reset(layer: PreparedLayer, feature: number): void {
    this.layer = layer;
    this.feature = feature;
    this.firstRing = layer.featureRing[feature] as number;
    this.lastRing = layer.featureRing[feature + 1] as number;
    this.edgeCount = 0;
    this.evCount = 0;
    this.candCount = 0;
    const n = layer.xs.length;
    if (this.mark.length < n) this.mark = new Uint8Array(Math.max(n, this.mark.length * 2));
  }

  clearMarks(): void {
    for (let i = 0; i < this.markedCount; i++) this.mark[this.marked[i] as number] = 0;
    this.markedCount = 0;
  }

  pushEdge(k: number): void {
    this.edges = grownI32(this.edges, this.edgeCount + 1);
    this.edges[this.edgeCount++] = k;
  }

  markVertex(k: number): void {
    if (this.mark[k]) return;
    this.mark[k] = 1;
    this.marked = grownI32(this.marked, this.markedCount + 1);
    this.marked[this.markedCount++] = k;
  }

  pushEvent(edge: number, x: number, y: number, g: number): void {
    const { xs, ys } = this.layer;
    const x0 = xs[edge] as number;
    const y0 = ys[edge] as number;
    const dx = (xs[edge + 1] as number) - x0;
    const dy = (ys[edge + 1] as number) - y0;
    const n = this.evCount + 1;
    if (n > this.evEdge.length) {
      this.evEdge = grownI32(this.evEdge, n);
      this.evT = grownF64(this.evT, n);
      this.evX = grownF64(this.evX, n);
      this.evY = grownF64(this.evY, n);
      this.evG = grownF64(this.evG, n);
    }
    const i = this.evCount++;
    this.evEdge[i] = edge;
    // Order along the edge by projection of the point actually used, so the walk follows the coordinates.
    this.evT[i] = ((x - x0) * dx + (y - y0) * dy) / (dx * dx + dy * dy);
    this.evX[i] = x;
    this.evY[i] = y;
    this.evG[i] = g;
  }

  /** Insertion sort by (edge, t) in place: events are few, and this allocates nothing. */
  sortEvents(): void {
    const { evEdge, evT, evX, evY, evG } = this;
    for (let i = 1; i < this.evCount; i++) {
      const e = evEdge[i] as number;
      const t = evT[i] as number;
      const x = evX[i] as number;
      const y = evY[i] as number;
      const g = evG[i] as number;
      let j = i - 1;
      while (
        j >= 0 &&
        ((evEdge[j] as number) > e || ((evEdge[j] as number) === e && (evT[j] as number) > t))
      ) {
        evEdge[j + 1] = evEdge[j] as number;
        evT[j + 1] = evT[j] as number;
        evX[j + 1] = evX[j] as number;
        evY[j + 1] = evY[j] as number;
        evG[j + 1] = evG[j] as number;
        j--;
      }
      evEdge[j + 1] = e;
      evT[j + 1] = t;
      evX[j + 1] = x;
      evY[j + 1] = y;
      evG[j + 1] = g;
    }
  }

  ensureSeq(n: number): void {
    if (n <= this.seqX.length) return;
    this.seqX = grownF64(this.seqX, n);
    this.seqY = grownF64(this.seqY, n);
    this.seqG = grownF64(this.seqG, n);
    const on = new Uint8Array(this.seqX.length);
    on.set(this.seqOn);
    this.seqOn = on;
  }

  pushCandidate(x1: number, y1: number, x2: number, y2: number, sum: number, dx: number, dg: number): void {
    const n = this.candCount + 1;
    this.cand = grownF64(this.cand, n * 7);
    if (n > this.candUsed.length) {
      const used = new Uint8Array(n * 2);
      used.set(this.candUsed);
      this.candUsed = used;
    }
    const b = this.candCount * 7;
    this.cand[b] = x1;
    this.cand[b + 1] = y1;
    this.cand[b + 2] = x2;
    this.cand[b + 3] = y2;
    this.cand[b + 4] = sum;
    this.cand[b + 5] = dx;
    this.cand[b + 6] = dg;
    this.candUsed[this.candCount++] = 0;
  }
}
