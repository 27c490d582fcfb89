// What a park holds: its low-efficiency plots (count and 亩), key projects (count and planned
// investment) and new construction land (count and 亩), counting features that lie in or cross it.

import type { Feature } from 'geojson';
import { useMemo } from 'react';
import { featureId } from '../../domain/feature-id.ts';
import type { Lang } from '../../domain/i18n.ts';
import { layerLabel } from '../../domain/labels.ts';
import { formatNumber } from '../../domain/units.ts';
import { featuresInArea } from '../../geo/relate.ts';
import { formatArea, formatMoneyYi } from '../i18n/format.ts';
import { t } from '../i18n/i18n.ts';
import type { DataLayerId } from '../state/layer-data.ts';
import { useAtlas } from '../state/store.ts';

const SUMMARISED: DataLayerId[] = ['plots', 'projects', 'newland'];

export function ParkSummary({ park, lang }: { park: Feature; lang: Lang }) {
  const layers = useAtlas((state) => state.layers);
  const rows = useMemo(
    () =>
      SUMMARISED.flatMap((layer) => {
        const data = layers[layer];
        if (!data) return [];
        const related = featuresInArea(park, data.collection.features);
        let areaM2 = 0;
        let investment = 0;
        for (const { feature } of related) {
          const id = featureId(feature) ?? '';
          areaM2 += data.areaM2.get(id) ?? 0;
          const planned = feature.properties?.investmentPlanned;
          if (typeof planned === 'number') investment += planned;
        }
        return [{ layer, count: related.length, areaM2, investment }];
      }),
    [layers, park],
  );
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
