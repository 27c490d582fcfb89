import { describe, expect, it } from 'vitest';
import { hrefForLang, langFromSearch, t } from '../../src/app/i18n/i18n.ts';
import { tiandituKeyFrom } from '../../src/app/map/basemaps.ts';
import { metresPerPixel, scaleBar, scaleDenominator } from '../../src/app/map/scale.ts';
import { indexLayer } from '../../src/app/state/layer-data.ts';
import { basemapSources } from '../../src/domain/basemaps.ts';
import { featureId } from '../../src/domain/feature-id.ts';
import { geometryAreaM2 } from '../../src/geo/area.ts';

describe('i18n', () => {
  it('is Chinese unless ?lang=en', () => {
    expect(langFromSearch('')).toBe('zh');
    expect(langFromSearch('?lang=en&tk=x')).toBe('en');
    expect(t('zh', 'search')).toBe('搜索');
    expect(t('en', 'featureCount', { n: 3 })).toBe('3 features');
  });

  it('switches language keeping the other parameters and the map hash', () => {
    expect(hrefForLang('http://h/?tk=k#12/22.7/112.9', 'en')).toBe('http://h/?tk=k&lang=en#12/22.7/112.9');
    expect(hrefForLang('http://h/?lang=en#1/2/3', 'zh')).toBe('http://h/#1/2/3');
  });
});

describe('basemaps', () => {
  it('offers nothing online unless chosen, and Tianditu only with a key', () => {
    expect(basemapSources('none', 'k', 'zh')).toEqual([]);
    expect(basemapSources('tdt-vec', null, 'zh')).toEqual([]);
    const vec = basemapSources('tdt-vec', 'KEY', 'zh');
    expect(vec.map((s) => s.id)).toEqual(['basemap-vec', 'basemap-cva']);
    expect(vec[0]?.tiles).toHaveLength(8);
    expect(vec[0]?.tiles[0]).toContain('https://t0.tianditu.gov.cn/vec_w/wmts?');
    expect(vec[0]?.tiles[0]).toContain('TILEMATRIXSET=w');
    expect(vec[0]?.tiles[0]).toContain('tk=KEY');
    expect(basemapSources('tdt-img', 'KEY', 'en').map((s) => s.id)).toEqual(['basemap-img', 'basemap-cia']);
    expect(basemapSources('osm', null, 'zh')[0]?.tiles).toEqual([
      'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
    ]);
  });

  it('reads the key from ?tk= before the build environment', () => {
    expect(tiandituKeyFrom('?tk=abc', 'env')).toBe('abc');
    expect(tiandituKeyFrom('', 'env')).toBe('env');
    expect(tiandituKeyFrom('', '  ')).toBeNull();
    expect(tiandituKeyFrom('', undefined)).toBeNull();
  });
});

describe('scale', () => {
  it('gives metres per pixel and a round bar', () => {
    const mPerPx = metresPerPixel(0, 0);
    expect(mPerPx).toBeCloseTo(78_271.5, 0);
    const bar = scaleBar(1.2, 100);
    expect(bar.metres).toBe(100);
    expect(bar.label).toBe('100 m');
    expect(bar.widthPx).toBeCloseTo(83.33, 1);
    expect(scaleBar(30, 100).label).toBe('2 km');
    expect(scaleDenominator(1)).toBe(3800);
  });
});

describe('layer data', () => {
  it('indexes features by id with their ellipsoidal areas', () => {
    const polygon = {
      type: 'Polygon' as const,
      coordinates: [
        [
          [112.9, 22.7],
          [112.91, 22.7],
          [112.91, 22.71],
          [112.9, 22.7],
        ],
      ],
    };
    const data = indexLayer('plots', 'plots.geojson', {
      type: 'FeatureCollection',
      features: [{ type: 'Feature', id: 'A', properties: { id: 'A' }, geometry: polygon }],
    });
    expect(data.byId.get('A')).toBeDefined();
    expect(data.areaM2.get('A')).toBe(geometryAreaM2(polygon));
    expect(featureId({ type: 'Feature', id: 7, properties: null, geometry: polygon })).toBe('7');
  });
});
