// Ring contacts: the sweep (large rings) and the pair-by-pair path (small rings) against a naive
// all-pairs crossing test written here, plus the cases a kink test must get right.
import type { Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { quadraticRingContacts } from '../../bench/support/quadratic-kinks.ts';
import { analyseRings, findRingContacts, pointInRing } from '../../src/geo/kinks.ts';
import { seededRandom } from './support/synthetic-plots.ts';

/** Naive: does any pair of non-adjacent edges cross properly? */
function naiveCrosses(ring: Position[]): boolean {
  const n = ring.length - 1;
  const o = (p: Position, q: Position, r: Position) =>
    Math.sign(
      ((q[0] as number) - (p[0] as number)) * ((r[1] as number) - (p[1] as number)) -
        ((q[1] as number) - (p[1] as number)) * ((r[0] as number) - (p[0] as number)),
    );
  for (let i = 0; i < n; i++) {
    for (let j = i + 2; j < n; j++) {
      if (i === 0 && j === n - 1) continue;
      const [a, b, c, d] = [ring[i], ring[i + 1], ring[j], ring[j + 1]] as Position[];
      if (
        o(a as Position, b as Position, c as Position) * o(a as Position, b as Position, d as Position) < 0 &&
        o(c as Position, d as Position, a as Position) * o(c as Position, d as Position, b as Position) < 0
      )
        return true;
    }
  }
  return false;
}

function randomWalkRing(random: () => number, vertices: number, jitter: number): Position[] {
  const ring: Position[] = [];
  for (let k = 0; k < vertices; k++) {
    const angle = (2 * Math.PI * k) / vertices;
    const r = 1 + jitter * (random() - 0.5);
    ring.push([113 + r * Math.cos(angle), 22.7 + r * Math.sin(angle)]);
  }
  ring.push([...(ring[0] as Position)]);
  return ring;
}

describe('findRingContacts', () => {
  it('agrees with a naive all-pairs test on random rings, small (pair by pair) and large (sweep)', () => {
    const random = seededRandom(7);
    let kinked = 0;
    for (let trial = 0; trial < 200; trial++) {
      const vertices = trial % 2 === 0 ? 8 + Math.floor(random() * 40) : 80 + Math.floor(random() * 200);
      const ring = randomWalkRing(random, vertices, trial % 3 === 0 ? 0.05 : 2.5);
      const expected = naiveCrosses(ring);
      if (expected) kinked++;
      const found = findRingContacts([ring], 1).some((c) => c.kind === 'cross');
      expect(found, `trial ${trial}`).toBe(expected);
    }
    expect(kinked).toBeGreaterThan(40);
    expect(kinked).toBeLessThan(200);
  });

  it('finds the one crossing in a ring of 5 000 vertices', () => {
    const ring = randomWalkRing(seededRandom(3), 5_000, 0);
    expect(findRingContacts([ring])).toEqual([]);
    // Swap two neighbouring vertices far from the start: a small bow-tie.
    const crossed = ring.map((p) => [...p]);
    [crossed[2500], crossed[2501]] = [crossed[2501] as Position, crossed[2500] as Position];
    const contacts = findRingContacts([crossed]);
    expect(contacts.map((c) => c.kind)).toEqual(['cross']);
  });

  it('sees a ring touching itself, but not two rings touching at a point', () => {
    const pinched: Position[] = [
      [0, 0],
      [2, 0],
      [2, 2],
      [1, 0],
      [0, 2],
      [0, 0],
    ];
    expect(findRingContacts([pinched]).map((c) => c.kind)).toEqual(['touch']);
    const shell: Position[] = [
      [0, 0],
      [10, 0],
      [10, 10],
      [0, 10],
      [0, 0],
    ];
    const hole: Position[] = [
      [0, 0],
      [1, 2],
      [2, 1],
      [0, 0],
    ];
    expect(findRingContacts([shell, hole])).toEqual([]);
  });

  it('sees a spike running back over its own edge', () => {
    const spike: Position[] = [
      [0, 0],
      [3, 0],
      [2, 0],
      [2, 2],
      [0, 2],
      [0, 0],
    ];
    expect(findRingContacts([spike]).map((c) => c.kind)).toContain('overlap');
  });

  it('sees two rings sharing a stretch of edge', () => {
    const left: Position[] = [
      [0, 0],
      [2, 0],
      [2, 2],
      [0, 2],
      [0, 0],
    ];
    const right: Position[] = [
      [2, 1],
      [4, 1],
      [4, 3],
      [2, 3],
      [2, 1],
    ];
    expect(findRingContacts([left, right]).map((c) => c.kind)).toEqual(['overlap']);
  });
});

/** Vertices on a small integer grid sorted by angle around a centre: simple, or touching itself. */
function gridStar(random: () => number, cx: number, cy: number, r: number, n: number): Position[] {
  const int = (k: number) => Math.floor(random() * k);
  const points = new Map<string, Position>();
  for (let k = 0; k < n; k++) {
    const p = [cx + int(2 * r + 1) - r, cy + int(2 * r + 1) - r];
    if (p[0] !== cx || p[1] !== cy) points.set(p.join(), p);
  }
  const angle = (p: Position) => Math.atan2((p[1] as number) - cy, (p[0] as number) - cx);
  const distance = (p: Position) => Math.hypot((p[0] as number) - cx, (p[1] as number) - cy);
  const ring = [...points.values()].sort((a, b) => angle(a) - angle(b) || distance(a) - distance(b));
  if (ring.length < 3) return [];
  ring.push([...(ring[0] as Position)]);
  return ring;
}

describe('the worst-case O(n log n) sweep', () => {
  // Integer coordinates make every orientation exact, and a small grid makes shared vertices, vertices
  // on edges, collinear edges and holes touching their shell common: the cases a sweep gets wrong.
  it('finds a fault exactly when comparing every pair does, lists the same contacts as the former quadratic search, and the same touches', () => {
    const random = seededRandom(12);
    const int = (k: number) => Math.floor(random() * k);
    let faults = 0;
    let touching = 0;
    for (let trial = 0; trial < 4000; trial++) {
      const size = 4 + int(8);
      const half = Math.floor(size / 2);
      const rings: Position[][] = [];
      if (random() < 0.5) {
        rings.push([
          [0, 0],
          [size, 0],
          [size, size],
          [0, size],
          [0, 0],
        ]);
      } else rings.push(gridStar(random, half, half, half, 6 + int(10)));
      const holes = 1 + int(4);
      for (let h = 0; h < holes; h++)
        rings.push(gridStar(random, 1 + int(size - 1), 1 + int(size - 1), 1 + int(2), 3 + int(4)));
      const usable = rings.filter((ring) => ring.length > 0);
      const pairs = analyseRings(usable, 3, 'pairs');
      const swept = analyseRings(usable, 3, 'sweep');
      if (pairs.contacts.length > 0) faults++;
      if (pairs.touches.length > 0) touching++;
      const label = JSON.stringify(usable);
      expect(swept.contacts.length > 0, label).toBe(pairs.contacts.length > 0);
      expect(swept.contacts, label).toEqual(quadraticRingContacts(usable, 3));
      expect(swept.touches, label).toEqual(pairs.touches);
    }
    expect(faults).toBeGreaterThan(1000);
    expect(touching).toBeGreaterThan(200);
  });

  it('lists where a hole touches its shell and where two holes touch each other', () => {
    const shell: Position[] = [
      [0, 0],
      [10, 0],
      [10, 10],
      [0, 10],
      [0, 0],
    ];
    const holeA: Position[] = [
      [0, 5],
      [4, 4],
      [4, 6],
      [0, 5],
    ];
    const holeB: Position[] = [
      [4, 6],
      [7, 5],
      [8, 8],
      [4, 6],
    ];
    for (const method of ['pairs', 'sweep'] as const) {
      expect(analyseRings([shell, holeA, holeB], 3, method)).toEqual({
        contacts: [],
        touches: [
          { at: [0, 5], rings: [0, 1] },
          { at: [4, 6], rings: [1, 2] },
        ],
      });
    }
  });
});

describe('pointInRing', () => {
  const square: Position[] = [
    [0, 0],
    [4, 0],
    [4, 4],
    [0, 4],
    [0, 0],
  ];
  it('tells inside, boundary and outside', () => {
    expect(pointInRing(1, 1, square)).toBe(1);
    expect(pointInRing(4, 2, square)).toBe(0);
    expect(pointInRing(0, 0, square)).toBe(0);
    expect(pointInRing(5, 1, square)).toBe(-1);
  });
});
