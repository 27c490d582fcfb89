// Selecting a feature by id when its layer is drawn from tiles: the feature is fetched by id (the
// network is a stubbed fetch), shown as loading, then ready with its area measured from the fetched
// geometry and its parks; a failed fetch leaves a bilingual message; an edit (putFeature) keeps the
// fetched copy current and counts an edit for the map; a loaded layer needs no fetch.
import type { Feature, FeatureCollection } from 'geojson';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { indexLayer } from '../../../src/app/state/layer-data.ts';
import { selectFeatureById } from '../../../src/app/state/select-by-id.ts';
import { selectFeature } from '../../../src/app/state/selection.ts';
import { type SelectedState, selectedState, useAtlas } from '../../../src/app/state/store.ts';
import { geometryAreaM2 } from '../../../src/geo/area.ts';

function square(id: string, west: number, south: number, size: number, extra = {}): Feature {
  return {
    type: 'Feature',
    id,
    properties: { id, name: id, version: 1, ...extra },
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [west, south],
          [west + size, south],
          [west + size, south + size],
          [west, south + size],
          [west, south],
        ],
      ],
    },
  };
}

const collection = (...features: Feature[]): FeatureCollection => ({ type: 'FeatureCollection', features });
const park = square('P-A', 112.8, 22.7, 0.1);
const plot = square('HS-DX-0001', 112.81, 22.71, 0.01, { status: 'identified' });
const project = square('XM-01', 112.82, 22.72, 0.01);

/** The fetch the client makes, answering GET /api/features/plots/HS-DX-0001 and 404 for the rest. */
const fetchStub = vi.fn(async (url: string) => {
  if (url === '/api/features/plots/HS-DX-0001')
    return new Response(JSON.stringify(plot), {
      status: 200,
      headers: { 'Content-Type': 'application/json' },
    });
  return new Response(
    JSON.stringify({
      error: 'not-found',
      message: { zh: '找不到要素 HS-DX-9999。', en: 'Feature HS-DX-9999 not found.' },
    }),
    { status: 404, headers: { 'Content-Type': 'application/json' } },
  );
});

/** What the inspector would show now. */
const inspectorState = (): SelectedState => selectedState(useAtlas.getState());

beforeEach(() => {
  vi.stubGlobal('fetch', fetchStub);
  fetchStub.mockClear();
  useAtlas.getState().clearSelection();
  useAtlas.getState().setLoaded(
    {
      parks: indexLayer('parks', 'parks.geojson', collection(park)),
      projects: indexLayer('projects', 'projects.geojson', collection(project)),
    },
    [],
    { plots: { count: 342, revision: '7' } },
  );
});
afterEach(() => vi.unstubAllGlobals());

describe('selecting a feature of a tiled layer by id', () => {
  it('fetches it once, shows it loading, then with its area from the geometry and its park', async () => {
    const pending = selectFeatureById('plots', 'HS-DX-0001');
    expect(useAtlas.getState().selection).toEqual(selectFeature('plots', 'HS-DX-0001'));
    expect(useAtlas.getState().fetched).toEqual({ layer: 'plots', id: 'HS-DX-0001', status: 'loading' });
    const again = selectFeatureById('plots', 'HS-DX-0001');
    const feature = await pending;
    expect(await again).toEqual(feature);
    expect(fetchStub).toHaveBeenCalledTimes(1);
    expect(fetchStub.mock.calls[0]?.[0]).toBe('/api/features/plots/HS-DX-0001');
    expect(feature?.properties?.id).toBe('HS-DX-0001');
    expect(inspectorState()).toEqual({
      status: 'ready',
      layer: 'plots',
      id: 'HS-DX-0001',
      feature: plot,
      areaM2: geometryAreaM2(plot.geometry),
      parks: [{ id: 'P-A', name: 'P-A', relation: 'within' }],
    });
    // Selected again once held: no second request.
    await selectFeatureById('plots', 'HS-DX-0001');
    expect(fetchStub).toHaveBeenCalledTimes(1);
  });

  it('a selection made without it (select) is fetched too', async () => {
    useAtlas.getState().select(selectFeature('plots', 'HS-DX-0001'));
    expect(useAtlas.getState().fetched?.status).toBe('loading');
    await vi.waitFor(() => expect(useAtlas.getState().fetched?.status).toBe('ready'));
    expect(fetchStub).toHaveBeenCalledTimes(1);
  });

  it('a fetch that fails leaves the server’s reason in both languages; the feature is null', async () => {
    expect(await selectFeatureById('plots', 'HS-DX-9999')).toBeNull();
    expect(useAtlas.getState().fetched).toEqual({
      layer: 'plots',
      id: 'HS-DX-9999',
      status: 'failed',
      error: {
        zh: '无法读取该要素：找不到要素 HS-DX-9999。',
        en: 'The feature could not be read: Feature HS-DX-9999 not found.',
      },
    });
  });

  it('an answer for a feature no longer selected is not kept', async () => {
    const first = selectFeatureById('plots', 'HS-DX-9999');
    const second = selectFeatureById('plots', 'HS-DX-0001');
    await Promise.all([first, second]);
    expect(useAtlas.getState().fetched).toMatchObject({ id: 'HS-DX-0001', status: 'ready' });
  });

  it('an edit keeps the fetched copy current and counts an edit of the layer for the map', async () => {
    await selectFeatureById('plots', 'HS-DX-0001');
    const edited = { ...plot, properties: { ...plot.properties, status: 'rectifying', version: 2 } };
    useAtlas.getState().putFeature('plots', edited);
    const state = useAtlas.getState();
    expect(state.fetched).toMatchObject({ status: 'ready', feature: edited });
    expect(state.tileEdits.plots?.epoch).toBe(1);
    expect(state.tileEdits.plots?.properties.get('HS-DX-0001')).toEqual(edited.properties);
    expect(state.layers.plots).toBeUndefined();
    // Another plot's edit: counted, the fetched copy stays as it is.
    useAtlas.getState().putFeature('plots', square('HS-DX-0002', 113, 22.8, 0.01, { status: 'completed' }));
    expect(useAtlas.getState().tileEdits.plots?.epoch).toBe(2);
    expect(useAtlas.getState().fetched).toMatchObject({ id: 'HS-DX-0001', feature: edited });
  });

  it('a new load forgets the fetched copy and the edits', async () => {
    await selectFeatureById('plots', 'HS-DX-0001');
    useAtlas.getState().putFeature('plots', plot);
    useAtlas.getState().setLoaded({}, [], { plots: { count: 342, revision: '8' } });
    expect(useAtlas.getState().tileEdits).toEqual({});
    // Still selected: fetched again for the new load.
    expect(useAtlas.getState().fetched).toEqual({ layer: 'plots', id: 'HS-DX-0001', status: 'loading' });
  });

  it('a feature of a loaded layer is at hand: no request', async () => {
    expect(await selectFeatureById('projects', 'XM-01')).toBe(project);
    expect(fetchStub).not.toHaveBeenCalled();
    expect(useAtlas.getState().fetched).toBeNull();
  });
});
