// The Content-Security-Policy of the app: its own scripts only (no inline script, no eval), MapLibre's
// workers from blob: URLs, and, besides the server itself, only the tile hosts of the optional online
// basemaps (OpenStreetMap, Tianditu), taken from the app's own basemap list so the two never drift apart.
import { BASEMAP_IDS, basemapSources } from '../../domain/basemaps.ts';

/** The origins the basemap switcher can fetch tiles from. */
function basemapOrigins(): string[] {
  const origins = new Set<string>();
  for (const id of BASEMAP_IDS) {
    for (const source of basemapSources(id, 'key', 'zh')) {
      for (const tile of source.tiles) origins.add(new URL(tile.replace(/[{}]/g, '')).origin);
    }
  }
  return [...origins].sort();
}

function contentSecurityPolicy(): string {
  const tiles = basemapOrigins().join(' ');
  return [
    "default-src 'self'",
    "script-src 'self'",
    "worker-src 'self' blob:",
    "child-src 'self' blob:",
    `img-src 'self' data: blob: ${tiles}`,
    `connect-src 'self' ${tiles}`,
    "style-src 'self'",
    "font-src 'self' data:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export const CONTENT_SECURITY_POLICY = contentSecurityPolicy();
