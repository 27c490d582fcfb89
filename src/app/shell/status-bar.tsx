// The status bar: a scale bar with its 1:n, and the cursor's (or, on touch, the centre's) longitude,
// latitude and CGCS2000 3° Gauss-Krüger zone-38 X (northing) / Y (zone-prefixed easting).

import { dataTimeLabel } from '../../domain/data-age.ts';
import { formatNumber } from '../../domain/units.ts';
import { lonLatToGk38 } from '../../geo/crs.ts';
import { t } from '../i18n/i18n.ts';
import { scaleBar, scaleDenominator } from '../map/scale.ts';
import { useAtlas } from '../state/store.ts';

export function StatusBar() {
  const lang = useAtlas((state) => state.lang);
  const lngLat = useAtlas((state) => state.pointer.lngLat);
  const source = useAtlas((state) => state.pointer.source);
  const mPerPx = useAtlas((state) => state.pointer.metresPerPixel);
  const bar = mPerPx ? scaleBar(mPerPx, 120) : null;
  const gk = lngLat ? lonLatToGk38(lngLat[0], lngLat[1]) : null;
  const dataAsOf = useAtlas((state) => state.network.dataAsOf);

  return (
    <section className="status-bar" aria-label={t(lang, 'statusBar')}>
      {dataAsOf !== null && (
        <p className="data-age" data-testid="data-age">
          {t(lang, 'dataAsOf', { time: dataTimeLabel(dataAsOf, Date.now()) })}
        </p>
      )}
      {bar && mPerPx && (
        <p className="scale">
          <span className="visually-hidden">{t(lang, 'scale')}</span>
          <span className="scale-bar" style={{ width: `${Math.round(bar.widthPx)}px` }} aria-hidden="true" />
          <span>{bar.label}</span>
          <span className="scale-ratio">1:{formatNumber(scaleDenominator(mPerPx), 0)}</span>
        </p>
      )}
      {lngLat && gk && (
        <>
          <div className="readout">
            <span className="readout-label">
              {t(lang, source === 'cursor' ? 'cursor' : 'centre')} {t(lang, 'lonLat')}
            </span>
            <span data-testid="lonlat">
              {lngLat[0].toFixed(6)}°E {lngLat[1].toFixed(6)}°N
            </span>
          </div>
          <div className="readout">
            <span className="readout-label">{t(lang, 'gkZone')}</span>
            <span data-testid="gk">
              X {gk.x.toFixed(2)} Y {gk.y.toFixed(2)}
            </span>
          </div>
        </>
      )}
    </section>
  );
}
