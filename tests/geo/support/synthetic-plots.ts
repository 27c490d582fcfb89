// A seeded, valid plots layer of any size: 16-vertex plots on a grid around Heshan, for measuring the
// validator on files the size later issues load (100 000 plots, ~30 MB).
import type { Feature, FeatureCollection, Polygon } from 'geojson';

/** Mulberry32: small, seeded, good enough for test shapes. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const round6 = (value: number) => Math.round(value * 1e6) / 1e6;
const round2 = (value: number) => Math.round(value * 100) / 100;

/** A star-shaped (hence simple) counter-clockwise ring of `vertices` points around a centre. */
function plotRing(
  cx: number,
  cy: number,
  radius: number,
  vertices: number,
  random: () => number,
): number[][] {
  const ring: number[][] = [];
  for (let k = 0; k < vertices; k++) {
    const angle = (2 * Math.PI * k) / vertices;
    const r = radius * (0.6 + 0.4 * random());
    ring.push([round6(cx + r * Math.cos(angle)), round6(cy + r * Math.sin(angle))]);
  }
  ring.push([...(ring[0] as number[])]);
  return ring;
}

export function syntheticPlots(count: number, seed = 1): FeatureCollection<Polygon> {
  const random = seededRandom(seed);
  const columns = Math.ceil(Math.sqrt(count));
  const step = 0.002;
  const features: Feature<Polygon>[] = [];
  for (let i = 0; i < count; i++) {
    const id = `HS-SY-${String(i).padStart(6, '0')}`;
    const cx = 112.6 + (i % columns) * step;
    const cy = 22.5 + Math.floor(i / columns) * step;
    features.push({
      type: 'Feature',
      id,
      geometry: { type: 'Polygon', coordinates: [plotRing(cx, cy, step * 0.4, 16, random)] },
      properties: {
        id,
        enterprise: `示例企业 ${i}`,
        town: '沙坪街道',
        landUse: '100101',
        far: round2(random() * 1.2),
        buildingDensity: round2(random()),
        taxPerMu: round2(random() * 20),
        outputPerMu: round2(random() * 300),
        grade: 'C',
        reasons: ['low-far'],
        mode: 'self-upgrade',
        status: 'identified',
        deadline: '2026-12-31',
      },
    });
  }
  return { type: 'FeatureCollection', features };
}
