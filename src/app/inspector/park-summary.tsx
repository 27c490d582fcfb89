// What a park holds: its low-efficiency plots (count and 亩), key projects (count and planned
// investment) and new construction land (count and 亩), counting features that lie in or cross it — as
// summed when the layers loaded (src/app/state/layers-slice.ts), not while rendering.

import type { Lang } from '../../domain/i18n.ts';
import { layerLabel } from '../../domain/labels.ts';
import { formatNumber } from '../../domain/units.ts';
import { formatArea, formatMoneyYi } from '../i18n/format.ts';
import { t } from '../i18n/i18n.ts';
import { RELATED_LAYERS } from '../state/layers-slice.ts';
import { useAtlas } from '../state/store.ts';

export function ParkSummary({ parkId, lang }: { parkId: string; lang: Lang }) {
  const layers = useAtlas((state) => state.layers);
  const holdings = useAtlas((state) => state.derived.holdings);
  const rows = RELATED_LAYERS.flatMap((layer) => {
    if (!layers[layer]) return [];
    const holding = holdings[layer]?.get(parkId);
    return [
      {
        layer,
        count: holding?.count ?? 0,
        areaM2: holding?.areaM2 ?? 0,
        investment: holding?.investment ?? 0,
      },
    ];
  });
  if (rows.length === 0) return null;
  return (
    <section className="inspector-summary">
      <h3>{t(lang, 'parkHolds')}</h3>
      <dl>
        {rows.map((row) => (
          <div key={row.layer} className="attribute">
            <dt>{layerLabel(row.layer, lang)}</dt>
            <dd>
              {t(lang, row.layer === 'projects' ? 'countProjects' : 'countParcels', {
                n: formatNumber(row.count, 0),
              })}
              {row.layer === 'projects'
                ? ` · ${formatMoneyYi(row.investment, lang)}`
                : row.count > 0
                  ? ` · ${formatArea(row.areaM2, lang).mu}`
                  : ''}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
