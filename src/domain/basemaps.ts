// Online basemaps, off by default (the app needs no network). Tianditu is CGCS2000 and fits our data as
// is; its Web-Mercator (`_w`) tiles need a deployer's key. AMap/Gaode (GCJ-02) is never offered.
// A contract of the app (the basemap switcher, src/app/map) and the server (its Content-Security-Policy
// lists these tile hosts, src/server/auth/csp.ts), so it lives in the shared core.
import type { Lang } from './i18n.ts';

export const BASEMAP_IDS = ['none', 'osm', 'tdt-vec', 'tdt-img'] as const;
export type BasemapId = (typeof BASEMAP_IDS)[number];

export interface RasterBasemapSource {
  id: string;
  tiles: string[];
  attribution: string;
  maxzoom: number;
}

const TIANDITU_ATTRIBUTION = '© 天地图 Tianditu (国家地理信息公共服务平台)';

function tiandituTiles(layer: string, key: string): string[] {
  return Array.from(
    { length: 8 },
    (_, server) =>
      `https://t${server}.tianditu.gov.cn/${layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0` +
      `&LAYER=${layer}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}` +
      `&tk=${encodeURIComponent(key)}`,
  );
}

/** The raster sources of a basemap, bottom first; none for the offline map or without a needed key. */
export function basemapSources(id: BasemapId, tiandituKey: string | null, lang: Lang): RasterBasemapSource[] {
  if (id === 'osm') {
    return [
      {
        id: 'basemap-osm',
        tiles: ['https://tile.openstreetmap.org/{z}/{x}/{y}.png'],
        attribution: '© <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
        maxzoom: 19,
      },
    ];
  }
  if (!tiandituKey || id === 'none') return [];
  const [base, annotation] = id === 'tdt-vec' ? ['vec', 'cva'] : ['img', 'cia'];
  // English annotation exists for the vector map only (eva).
  const labels = lang === 'en' && id === 'tdt-vec' ? 'eva' : annotation;
  return [
    {
      id: `basemap-${base}`,
      tiles: tiandituTiles(base, tiandituKey),
      attribution: TIANDITU_ATTRIBUTION,
      maxzoom: 18,
    },
    { id: `basemap-${labels}`, tiles: tiandituTiles(labels, tiandituKey), attribution: '', maxzoom: 18 },
  ];
}

export function needsKey(id: BasemapId): boolean {
  return id === 'tdt-vec' || id === 'tdt-img';
}
