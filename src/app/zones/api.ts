// Zones on the server, through the app's typed API client (src/app/api/client.ts): the layer as text,
// create (POST), change from a named version (PATCH; a 409 comes back as an ApiError, never retried or
// overwritten) and delete (DELETE with the version).
import type { FeatureCollection, Polygon } from 'geojson';
import type { ZoneAttributes } from '../../domain/zone.ts';
import { request, requestVoid, send } from '../api/client.ts';
import { feature } from '../api/schemas.ts';

const BASE = '/api/features/zones';

export async function fetchZones(): Promise<FeatureCollection> {
  const response = await send('/api/layers/zones');
  return (await response.json()) as FeatureCollection;
}

export const createZone = (attributes: ZoneAttributes, geometry: Polygon) =>
  request(feature, BASE, { method: 'POST', body: { properties: { ...attributes }, geometry } });

export const updateZone = (id: string, version: number, attributes: ZoneAttributes, geometry: Polygon) =>
  request(feature, `${BASE}/${encodeURIComponent(id)}`, {
    method: 'PATCH',
    body: { version, properties: { ...attributes }, geometry },
  });

export const deleteZone = (id: string, version: number) =>
  requestVoid(`${BASE}/${encodeURIComponent(id)}?version=${version}`, { method: 'DELETE' });
