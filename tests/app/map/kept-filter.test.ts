// The table's filter on the map by feature state (src/app/map/kept-filter.ts): every map layer of a
// filterable data layer gets a twin that MapLibre's own style-spec accepts and that draws a feature with
// the layer's own opacity exactly when its state says kept; the layer itself fades by constants only;
// the states to change between two filters are only the difference; a click passes through what the
// filter hides.
import { expression, validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import type { LayerProps } from 'react-map-gl/maplibre';
import { describe, expect, it } from 'vitest';
import {
  hiddenByFilter,
  hiddenLayer,
  KEPT_STATE,
  KEPT_STATE_MAX,
  keptChanges,
  keptExpression,
  keptIds,
  keptMode,
  keptTwin,
  keptTwinId,
  twinOf,
} from '../../../src/app/map/kept-filter.ts';
import * as styles from '../../../src/app/map/styles.ts';
import { tiledStyleLayers } from '../../../src/app/map/tiled.ts';

const TODAY = '2026-12-01';

/** A style layer's paint (every layer here has one). */
const paintOf = (layer: LayerProps) =>
  ('paint' in layer ? (layer.paint ?? {}) : {}) as Record<string, unknown>;

function opacityOf(spec: unknown) {
  const compiled = expression.createExpression(spec, {
    type: 'number',
    'property-type': 'data-driven',
    expression: { interpolated: true, parameters: ['zoom', 'feature', 'feature-state'] },
  } as never);
  if (compiled.result !== 'success') throw new Error(JSON.stringify(compiled.value));
  const { value } = compiled;
  return (state: Record<string, unknown>) =>
    value.evaluate({ zoom: 12 }, { type: 3, properties: { id: 'HS-DX-0001' } } as never, state as never);
}

/** Every map layer of the filterable data layers, on both paths, in every colour mode. */
const FILTERABLE = [
  styles.plotsFillByStatus,
  styles.plotsFillByGrade,
  styles.plotsFillByDeadline(TODAY),
  styles.plotsLine,
  styles.projectsFill,
  styles.projectsLine,
  styles.projectsCircle,
  styles.newlandFill,
  styles.newlandLine,
  ...(['plots', 'projects', 'newland'] as const).flatMap((layer) =>
    (['status', 'grade', 'deadline'] as const).flatMap((mode) => tiledStyleLayers(layer, mode, TODAY)),
  ),
];

describe("the table's filter on the map", () => {
  it('gives every fill, line and dot layer a twin the style spec accepts, drawn only for kept features', () => {
    let twins = 0;
    for (const layer of FILTERABLE) {
      const twin = keptTwin(layer);
      if (layer.type === 'symbol') {
        expect(twin, layer.id).toBeNull();
        continue;
      }
      if (!twin) throw new Error(`no twin for ${layer.id}`);
      twins++;
      expect(twin.id).toBe(keptTwinId(layer.id as string));
      expect(twinOf(twin.id as string)).toBe(layer.id);
      // On the tiles (with a source layer) or on a GeoJSON source.
      const tiled = 'source-layer' in twin;
      const errors = validateStyleMin({
        version: 8,
        sources: {
          data: tiled
            ? { type: 'vector', tiles: ['http://x/{z}/{x}/{y}'] }
            : { type: 'geojson', data: { type: 'FeatureCollection', features: [] } },
        },
        layers: [{ ...twin, source: 'data' }],
      } as never);
      expect(
        errors.map((error) => error.message),
        layer.id,
      ).toEqual([]);
      const paint = paintOf(twin);
      const own = paintOf(layer);
      const properties = Object.keys(paint).filter((name) => name.endsWith('-opacity'));
      expect(properties.length, layer.id).toBeGreaterThan(0);
      for (const name of properties) {
        const evaluate = opacityOf(paint[name]);
        expect(evaluate({ [KEPT_STATE]: true }), `${layer.id} ${name}`).toBe((own[name] as number) ?? 1);
        expect(evaluate({}), `${layer.id} ${name}`).toBe(0);
        expect(evaluate({ [KEPT_STATE]: false, status: 'identified' }), `${layer.id} ${name}`).toBe(0);
      }
      // Everything else is the layer's own: the twin draws the kept features as the layer would.
      for (const [name, value] of Object.entries(own))
        if (!properties.includes(name)) expect(paint[name], `${layer.id} ${name}`).toEqual(value);
    }
    expect(twins).toBe(FILTERABLE.filter((layer) => layer.type !== 'symbol').length);
  });

  it('fades a layer by constants only, so MapLibre repaints and parses no tile again', () => {
    const hidden = hiddenLayer(styles.plotsFillByStatus);
    expect(paintOf(hidden)['fill-opacity']).toBe(0);
    expect(paintOf(hidden)['fill-color']).toEqual(paintOf(styles.plotsFillByStatus)['fill-color']);
    const circle = paintOf(hiddenLayer(styles.projectsCircle));
    expect([circle['circle-opacity'], circle['circle-stroke-opacity']]).toEqual([0, 0]);
    expect(paintOf(hiddenLayer(styles.plotsLine))).toMatchObject({ 'line-opacity': 0 });
    expect(hiddenLayer(styles.projectsLabel)).toBe(styles.projectsLabel);
  });

  it('changes the state of only the features whose kept-ness changed', () => {
    expect(keptChanges(new Set(), ['a', 'b'])).toEqual({ add: ['a', 'b'], remove: [] });
    expect(keptChanges(new Set(['a', 'b']), ['b', 'c', '地块-甲'])).toEqual({
      add: ['c', '地块-甲'],
      remove: ['a'],
    });
    // No filter (null): every mark goes.
    expect(keptChanges(new Set(['a', 'b']), null)).toEqual({ add: [], remove: ['a', 'b'] });
    expect(keptChanges(new Set(['a']), ['a'])).toEqual({ add: [], remove: [] });
  });

  it('lets a click pass through what the filter hides, and only that', () => {
    const view = { layer: 'plots', kept: ['HS-DX-0001'] };
    expect(hiddenByFilter(view, 'plots', {})).toBe(true);
    expect(hiddenByFilter(view, 'plots', undefined)).toBe(true);
    expect(hiddenByFilter(view, 'plots', { [KEPT_STATE]: true })).toBe(false);
    expect(hiddenByFilter(view, 'parks', {})).toBe(false);
    expect(hiddenByFilter({ layer: 'plots', kept: null }, 'plots', {})).toBe(false);
    expect(hiddenByFilter(null, 'plots', {})).toBe(false);
  });

  it('marks up to KEPT_STATE_MAX features; a broader filter is an expression, with nothing to pass through', () => {
    const ids = (count: number) => Array.from({ length: count }, (_, index) => `HS-DX-${index}`);
    expect(keptMode(null)).toBe('all');
    expect(keptMode({ kept: null })).toBe('all');
    expect(keptMode({ kept: [] })).toBe('state');
    expect(keptMode({ kept: ids(KEPT_STATE_MAX) })).toBe('state');
    const broad = { layer: 'plots', kept: ids(KEPT_STATE_MAX + 1) };
    expect(keptMode(broad)).toBe('expression');
    // Drawn by an expression, a hidden feature is not drawn at all, so never found under a click.
    expect(hiddenByFilter(broad, 'plots', {})).toBe(false);
  });

  it('lists the kept ids, and the dropped ones only when they are the shorter list, by one walk', () => {
    const rows = Array.from({ length: 10 }, (_, index) => ({ id: `雅瑶-${index}` }));
    // Everything kept: the map is told nothing (null), whatever the rows.
    expect(keptIds(rows, [...rows])).toEqual({ kept: null, dropped: null });
    // Three of ten kept: the kept list is the shorter, the dropped are not listed.
    const few = [rows[1], rows[4], rows[9]] as typeof rows;
    expect(keptIds(rows, few)).toEqual({ kept: ['雅瑶-1', '雅瑶-4', '雅瑶-9'], dropped: null });
    // Eight of ten kept: the two dropped are listed, in the rows' order.
    const most = rows.filter((_, index) => index !== 0 && index !== 7);
    expect(keptIds(rows, most)).toEqual({ kept: most.map((row) => row.id), dropped: ['雅瑶-0', '雅瑶-7'] });
    // Half kept lists no dropped (not shorter); none kept lists none.
    expect(keptIds(rows, rows.slice(0, 5)).dropped).toBeNull();
    expect(keptIds(rows, [])).toEqual({ kept: [], dropped: null });
    // Each list drives the labels' expression: the shorter list is the one in the `match`.
    expect(keptExpression(...(Object.values(keptIds(rows, few)) as [string[], null]))).toEqual([
      'match',
      ['get', 'id'],
      ['雅瑶-1', '雅瑶-4', '雅瑶-9'],
      true,
      false,
    ]);
    expect(keptExpression(...(Object.values(keptIds(rows, most)) as [string[], string[]]))).toEqual([
      'all',
      ['has', 'id'],
      ['match', ['get', 'id'], ['雅瑶-0', '雅瑶-7'], false, true],
    ]);
  });
});
