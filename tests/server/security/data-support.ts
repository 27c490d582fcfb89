// Shared by the data-side security tests: plots with a chosen id or geometry, a comb polygon (every
// edge spanning the same x range: the worst case of a sweep), and small request helpers.
import type { TestServer } from '../helpers.ts';
import { plotFeature } from '../helpers.ts';

export function plotWithId(id: string, index = 900) {
  const feature = plotFeature(index);
  return { ...feature, id, properties: { ...feature.properties, id } };
}

export function plotWithGeometry(index: number, geometry: unknown) {
  return { ...plotFeature(index), geometry };
}

/**
 * A simple polygon of about `vertices` positions: a zigzag up between two longitudes, closed by a
 * straight edge back down. Every zigzag edge spans the whole x range.
 */
export function combPolygon(vertices: number, x0 = 112.9, x1 = 112.95, y0 = 22.6, height = 0.1) {
  const teeth = vertices - 3;
  const step = height / teeth;
  const round = (value: number) => Math.round(value * 1e7) / 1e7;
  const ring: [number, number][] = [];
  for (let i = 0; i <= teeth; i++) ring.push([i % 2 === 0 ? x0 : x1, round(y0 + i * step)]);
  const top = ring[ring.length - 1]?.[1] ?? y0;
  ring.push([round(x1 + 0.01), top], [round(x1 + 0.01), y0], [x0, y0]);
  // Counter-clockwise, as RFC 7946 asks of an outer ring.
  return { type: 'Polygon', coordinates: [ring.reverse()] };
}

export async function featureState(app: TestServer, cookie: string, layer: string, id: string) {
  const feature = await app.server.inject({
    method: 'GET',
    url: `/api/features/${layer}/${encodeURIComponent(id)}`,
    headers: { cookie },
  });
  const layerResponse = await app.server.inject({
    method: 'GET',
    url: `/api/layers/${layer}`,
    headers: { cookie },
  });
  return { feature: feature.body, status: feature.statusCode, revision: layerResponse.headers.etag };
}
