// A project point's position: longitude/latitude and CGCS2000 zone-38 X/Y, as on survey papers.

import type { Feature } from 'geojson';
import type { Lang } from '../../domain/i18n.ts';
import { lonLatToGk38 } from '../../geo/crs.ts';
import { t } from '../i18n/i18n.ts';

function formatLonLat(lng: number, lat: number): string {
  return `${lng.toFixed(6)}°E  ${lat.toFixed(6)}°N`;
}

function formatGk(lng: number, lat: number): string {
  const { x, y } = lonLatToGk38(lng, lat);
  return `X ${x.toFixed(2)}  Y ${y.toFixed(2)}`;
}

export function CoordinatesBlock({ feature, lang }: { feature: Feature; lang: Lang }) {
  if (feature.geometry?.type !== 'Point') return null;
  const [lng, lat] = feature.geometry.coordinates as [number, number];
  return (
    <section className="inspector-area">
      <h3>{t(lang, 'lonLat')}</h3>
      <p className="coordinates">{formatLonLat(lng, lat)}</p>
      <h3>{t(lang, 'gkZone')}</h3>
      <p className="coordinates">{formatGk(lng, lat)}</p>
    </section>
  );
}
