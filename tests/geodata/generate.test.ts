import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as turf from '@turf/turf';
import type { FeatureCollection, Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { generate, parseArguments, UsageError } from '../../geodata/generate.ts';
import { plotProperties, zoneProperties } from '../../src/domain/schemas.ts';
import { M2_PER_MU } from '../../src/domain/units.ts';
import { geometryAreaM2 } from '../../src/geo/area.ts';
import { type AreaFeature, areaFeatures, insideRing, overlappingPairs, ringsOf } from './helpers.ts';

type Collection = FeatureCollection<Polygon, Record<string, unknown>>;

const sharedM2 = (a: AreaFeature, b: AreaFeature): number => {
  const shared = turf.intersect(turf.featureCollection([a, b]));
  return shared ? geometryAreaM2(shared.geometry) : 0;
};

const small = generate({ plots: 400, zones: 25, seed: 'vitest' });
const plots = JSON.parse(small.plotsText) as Collection;
const zones = JSON.parse(small.zonesText) as Collection;
const boundaryRing = ringsOf((areaFeatures('boundary')[0] as AreaFeature).geometry)[0] as Position[];

describe('generator', () => {
  it('gives byte-identical output for the same seed, and other output for another', () => {
    const again = generate({ plots: 400, zones: 25, seed: 'vitest' });
    expect(again.plotsText).toBe(small.plotsText);
    expect(again.zonesText).toBe(small.zonesText);
    const other = generate({ plots: 400, zones: 25, seed: 'other' });
    expect(other.plotsText).not.toBe(small.plotsText);
  });

  it('writes N plots and M zones whose properties pass the schemas', () => {
    expect(Object.keys(plots).sort()).toEqual(['features', 'type']);
    expect(plots.features).toHaveLength(400);
    expect(zones.features).toHaveLength(25);
    plots.features.forEach((feature, index) => {
      expect(feature.id).toBe(`HS-GEN-${String(index + 1).padStart(6, '0')}`);
      expect(feature.properties.id).toBe(feature.id);
      const parsed = plotProperties.safeParse(feature.properties);
      expect(parsed.success, `${feature.id}: ${parsed.error?.message}`).toBe(true);
    });
    for (const feature of zones.features) {
      expect(feature.properties.id).toBe(feature.id);
      const parsed = zoneProperties.safeParse(feature.properties);
      expect(parsed.success, `${feature.id}: ${parsed.error?.message}`).toBe(true);
    }
    expect(new Set(zones.features.map((f) => f.id)).size).toBe(25);
  });

  it('draws valid rings inside Heshan: closed, counter-clockwise, no kinks, 5–30 vertices', () => {
    const inside = insideRing(boundaryRing);
    for (const feature of [...plots.features, ...zones.features]) {
      const ring = feature.geometry.coordinates[0] as Position[];
      expect(ring[ring.length - 1]).toEqual(ring[0]);
      expect(turf.booleanClockwise(ring), String(feature.id)).toBe(false);
      expect(turf.kinks(feature).features, String(feature.id)).toHaveLength(0);
      expect(inside(feature.geometry), String(feature.id)).toBe(true);
    }
    for (const feature of plots.features) {
      const vertices = (feature.geometry.coordinates[0] as Position[]).length - 1;
      expect(vertices).toBeGreaterThanOrEqual(5);
      expect(vertices).toBeLessThanOrEqual(29);
      const mu = geometryAreaM2(feature.geometry) / M2_PER_MU;
      expect(mu).toBeGreaterThan(3);
      expect(mu).toBeLessThan(300);
    }
    for (const feature of zones.features) {
      const mu = geometryAreaM2(feature.geometry) / M2_PER_MU;
      expect(mu, String(feature.id)).toBeGreaterThanOrEqual(50);
      expect(mu, String(feature.id)).toBeLessThanOrEqual(2000);
    }
  });

  it('overlaps plots only where it pushed one into a neighbour', () => {
    const dense = generate({ plots: 6000, zones: 40, seed: 'dense' });
    const features = (JSON.parse(dense.plotsText) as Collection).features as AreaFeature[];
    const pairs = overlappingPairs(features, sharedM2);
    const pushed = new Set(dense.shifted);
    expect(pushed.size).toBeGreaterThan(20);
    expect(pushed.size).toBeLessThan(150);
    expect(pairs.length).toBeGreaterThan(0);
    for (const [a, b] of pairs) expect(pushed.has(a) || pushed.has(b), `${a} × ${b}`).toBe(true);
    // Zones are large and lie over many plots.
    const zoneFeatures = (JSON.parse(dense.zonesText) as Collection).features as AreaFeature[];
    const met = overlappingPairs([...zoneFeatures, ...features], sharedM2).filter(
      ([a, b]) => a.startsWith('ZN') !== b.startsWith('ZN'),
    );
    expect(met.length / zoneFeatures.length).toBeGreaterThan(2);
  }, 30_000);
});

describe('generator command line', () => {
  it('reads its arguments, in both --name value and --name=value forms', () => {
    expect(parseArguments(['--plots', '10', '--zones=2', '--out', 'x'])).toEqual({
      plots: 10,
      zones: 2,
      out: 'x',
      seed: '1',
    });
    expect(parseArguments(['--plots', '1', '--zones', '0', '--out', 'x', '--seed', 'abc']).seed).toBe('abc');
    for (const bad of [
      [],
      ['--plots', '10', '--zones', '2'],
      ['--plots', 'ten', '--zones', '2', '--out', 'x'],
      ['--plots', '-1', '--zones', '2', '--out', 'x'],
      ['--plots', '10', '--zones', '2', '--out', 'x', '--colour', 'red'],
      ['--plots', '10', '--plots', '11', '--zones', '2', '--out', 'x'],
    ]) {
      expect(() => parseArguments(bad), bad.join(' ')).toThrow(UsageError);
    }
  });

  it('writes the files, and exits 2 with its usage on bad arguments', () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-gen-'));
    try {
      const ok = spawnSync(
        'npx',
        ['tsx', 'geodata/generate.ts', '--plots', '50', '--zones', '3', '--out', dir, '--seed', '7'],
        {
          encoding: 'utf8',
        },
      );
      expect(ok.status, ok.stderr).toBe(0);
      expect(readFileSync(join(dir, 'plots.geojson'), 'utf8')).toBe(
        generate({ plots: 50, zones: 3, seed: '7' }).plotsText,
      );
      const bad = spawnSync('npx', ['tsx', 'geodata/generate.ts', '--plots', 'many', '--out', dir], {
        encoding: 'utf8',
      });
      expect(bad.status).toBe(2);
      expect(bad.stderr).toContain('Usage: npm run gen');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
