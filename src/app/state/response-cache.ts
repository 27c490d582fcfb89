// The service worker keeps two kinds of answers already seen (vite.config.ts, runtime caches, network
// first): the vector tiles, so that a layer served as tiles still draws offline where the map has been,
// and the data tables' rows (GET /api/table/…), so that a table opened online opens offline too, as it
// was last read. Signing out empties both with the layer cache: a shared tablet keeps nothing of the
// last person.
export const TILE_CACHE = 'land-atlas-tiles';
export const TABLE_CACHE = 'land-atlas-tables';

export async function clearResponseCaches(): Promise<void> {
  try {
    if (typeof caches !== 'undefined')
      await Promise.all([caches.delete(TILE_CACHE), caches.delete(TABLE_CACHE)]);
  } catch {
    // No Cache Storage here: nothing was kept.
  }
}
