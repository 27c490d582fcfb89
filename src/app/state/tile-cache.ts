// The service worker keeps the vector tiles already seen (vite.config.ts, runtime cache `land-atlas-tiles`,
// network first) so that a layer served as tiles still draws offline where the map has been. Signing out
// empties it with the layer cache: a shared tablet keeps nothing of the last person.
export async function clearTileCache(): Promise<void> {
  try {
    if (typeof caches !== 'undefined') await caches.delete('land-atlas-tiles');
  } catch {
    // No Cache Storage here: nothing was kept.
  }
}
