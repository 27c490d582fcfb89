// Zones on the server: the layer, loaded once a session. Every write (create, change, delete) goes
// through the app's one write path, src/app/api/transact.ts.
import type { FeatureCollection } from 'geojson';
import { send } from '../../api/client.ts';

export async function fetchZones(): Promise<FeatureCollection> {
  const response = await send('/api/layers/zones');
  return (await response.json()) as FeatureCollection;
}
