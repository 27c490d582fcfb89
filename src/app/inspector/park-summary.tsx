// What a park holds: its low-efficiency plots (count and 亩), key projects (count and planned
// investment) and new construction land (count and 亩), counting features that lie in or cross it — as
// summed when the layers loaded (src/app/state/layers-slice.ts), not while rendering. A layer served as
// tiles is not held here: its sums come from the server (GET /api/holdings, the same functions over the
// whole layer), asked once per revision of the tiled layers and kept.

import { useEffect, useState } from 'react';
import type { Lang } from '../../domain/i18n.ts';
import { layerLabel } from '../../domain/labels.ts';
import { formatNumber } from '../../domain/units.ts';
import type { HoldingsAnswer } from '../../domain/wire.ts';
import type { ParkHolding } from '../../geo/relate.ts';
import { holdingsOnServer } from '../api/queries.ts';
import { formatArea, formatMoneyYi } from '../i18n/format.ts';
import { t } from '../i18n/i18n.ts';
import type { LayerData } from '../state/layer-data.ts';
import { RELATED_LAYERS, type RelatedLayerId } from '../state/layers-slice.ts';
import { useAtlas } from '../state/store.ts';

type ServerHoldings = Record<RelatedLayerId, ReadonlyMap<string, ParkHolding>>;

/** The server's sums, kept for the revisions of the tiled layers and the parks they were asked with. */
let asked: { key: string; parks: LayerData | undefined; answer: Promise<ServerHoldings> } | null = null;

function serverHoldings(key: string, parks: LayerData | undefined): Promise<ServerHoldings> {
  if (asked && asked.key === key && asked.parks === parks) return asked.answer;
  const answer = holdingsOnServer().then(({ holdings }: HoldingsAnswer) => {
    const byPark = (rows: HoldingsAnswer['holdings'][RelatedLayerId]) =>
      new Map(rows.map(({ park, ...holding }) => [park, holding]));
    return {
      plots: byPark(holdings.plots),
      projects: byPark(holdings.projects),
      newland: byPark(holdings.newland),
    };
  });
  const entry = { key, parks, answer };
  asked = entry;
  // A failed answer is asked again next time.
  answer.catch(() => {
    if (asked === entry) asked = null;
  });
  return answer;
}

/** The server's holdings when some related layer is tiled (null while they come, or when none is). */
function useServerHoldings(): ServerHoldings | null {
  const tiled = useAtlas((state) => state.tiled);
  const parks = useAtlas((state) => state.layers.parks);
  const key = RELATED_LAYERS.flatMap((layer) => {
    const held = tiled[layer];
    return held ? [`${layer}@${held.revision}`] : [];
  }).join(' ');
  const [holdings, setHoldings] = useState<{ key: string; value: ServerHoldings } | null>(null);
  useEffect(() => {
    if (!key) return;
    let live = true;
    serverHoldings(key, parks).then(
      (value) => {
        if (live) setHoldings({ key, value });
      },
      () => {},
    );
    return () => {
      live = false;
    };
  }, [key, parks]);
  return holdings && holdings.key === key ? holdings.value : null;
}

export function ParkSummary({ parkId, lang }: { parkId: string; lang: Lang }) {
  const layers = useAtlas((state) => state.layers);
  const tiled = useAtlas((state) => state.tiled);
  const holdings = useAtlas((state) => state.derived.holdings);
  const server = useServerHoldings();
  const rows = RELATED_LAYERS.flatMap((layer) => {
    const onServer = !layers[layer] && tiled[layer] !== undefined;
    if (!layers[layer] && !onServer) return [];
    if (onServer && !server) return [{ layer, pending: true, count: 0, areaM2: 0, investment: 0 }];
    const holding = (onServer ? server?.[layer] : holdings[layer])?.get(parkId);
    return [
      {
        layer,
        pending: false,
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
            <dd aria-busy={row.pending}>
              {row.pending
                ? '…'
                : t(lang, row.layer === 'projects' ? 'countProjects' : 'countParcels', {
                    n: formatNumber(row.count, 0),
                  })}
              {row.pending
                ? ''
                : row.layer === 'projects'
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
