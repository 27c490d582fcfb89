// Plots per park: a table of each park's low-efficiency plots (count and area in 亩) in total and by
// status or by grade, with the plots outside every park and the total of all plots. Each count opens the
// data table filtered to the plots behind it.

import { useId, useState } from 'react';
import type { Lang } from '../../domain/i18n.ts';
import { layerLabel, valueLabel } from '../../domain/labels.ts';
import { PLOT_GRADES, PLOT_STATUSES } from '../../domain/layers.ts';
import { NO_PARK, type TableFilter } from '../../domain/table-filter.ts';
import { formatNumber } from '../../domain/units.ts';
import type { AnalysisResult } from '../../geo/analysis.ts';
import { ALL_PLOTS, type CountArea, OUTSIDE, type ParkPlots } from '../../geo/plots-by-park.ts';
import { formatArea } from '../i18n/format.ts';
import { GRADE_COLOURS, STATUS_COLOURS } from '../map/styles.ts';
import { ta } from './i18n.ts';
import { openCounted } from './open-table.ts';

type Breakdown = 'status' | 'grade';

function parkName(row: ParkPlots, lang: Lang): string {
  if (row.key === OUTSIDE) return ta(lang, 'outside');
  if (row.key === ALL_PLOTS) return ta(lang, 'allPlots');
  return row.name;
}

/** A count of plots: a button that opens the table of those plots (park, and status or grade). */
function Cell({
  cell,
  lang,
  filter,
  label,
}: {
  cell: CountArea | undefined;
  lang: Lang;
  filter: TableFilter;
  label: string;
}) {
  const count = cell?.count ?? 0;
  if (count === 0) return <td className="zero">—</td>;
  const n = formatNumber(count, 0);
  return (
    <td>
      <button
        type="button"
        className="count-link"
        aria-label={ta(lang, 'openTable', { what: label, n })}
        onClick={() => openCounted('plots', filter)}
      >
        <span className="cell-count">{ta(lang, 'parcels', { n })}</span>
        <span className="cell-area">{formatArea(cell?.areaM2 ?? 0, lang).mu}</span>
      </button>
    </td>
  );
}

/** The table's filter for a row of parks (all plots: none) and a status or grade (total: none). */
function filterOf(row: ParkPlots, by: Breakdown, key: string | null): TableFilter {
  const filter: TableFilter = {};
  if (row.key === OUTSIDE) filter.park = NO_PARK;
  else if (row.key !== ALL_PLOTS) filter.park = row.key;
  if (key !== null) filter[by] = key;
  return filter;
}

export function AnalysisParks({
  result,
  lang,
  hasLayer,
}: {
  result: AnalysisResult;
  lang: Lang;
  hasLayer: boolean;
}) {
  const [by, setBy] = useState<Breakdown>('status');
  const name = useId();
  const keys: readonly string[] = by === 'status' ? PLOT_STATUSES : PLOT_GRADES;
  const colours: Record<string, string> = by === 'status' ? STATUS_COLOURS : GRADE_COLOURS;
  const rows = [...result.plotsByPark.parks, result.plotsByPark.all];
  const byLabel = ta(lang, by === 'status' ? 'byStatus' : 'byGrade');
  return (
    <section className="analysis-section" aria-labelledby={`${name}-h`}>
      <h3 id={`${name}-h`}>{ta(lang, 'parksHeading')}</h3>
      {!hasLayer ? (
        <p className="note">{ta(lang, 'noLayer', { layer: layerLabel('plots', lang) })}</p>
      ) : (
        <>
          <p className="note">{ta(lang, 'parksNote')}</p>
          <fieldset className="radio-group">
            <legend className="visually-hidden">{ta(lang, 'breakdown')}</legend>
            <div className="segmented">
              {(['status', 'grade'] as const).map((value) => (
                <label key={value} className={by === value ? 'segment checked' : 'segment'}>
                  <input
                    type="radio"
                    name={`${name}-by`}
                    value={value}
                    checked={by === value}
                    onChange={() => setBy(value)}
                  />
                  {ta(lang, value === 'status' ? 'byStatus' : 'byGrade')}
                </label>
              ))}
            </div>
          </fieldset>
          <div className="table-scroll">
            <table className="analysis-table parks-table">
              <caption className="visually-hidden">{ta(lang, 'parksCaption', { by: byLabel })}</caption>
              <thead>
                <tr>
                  <th scope="col">{ta(lang, 'park')}</th>
                  <th scope="col">{ta(lang, 'total')}</th>
                  {keys.map((key) => (
                    <th scope="col" key={key}>
                      <span
                        className="swatch swatch-fill"
                        style={{ '--swatch': colours[key] } as React.CSSProperties}
                      />
                      {valueLabel(by, key, lang)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.key} className={row.key === ALL_PLOTS ? 'total-row' : undefined}>
                    <th scope="row">{parkName(row, lang)}</th>
                    <Cell
                      cell={row.total}
                      lang={lang}
                      filter={filterOf(row, by, null)}
                      label={parkName(row, lang)}
                    />
                    {keys.map((key) => (
                      <Cell
                        key={key}
                        cell={(by === 'status' ? row.byStatus : row.byGrade)[key]}
                        lang={lang}
                        filter={filterOf(row, by, key)}
                        label={`${parkName(row, lang)} ${valueLabel(by, key, lang)}`}
                      />
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="note">{ta(lang, 'areaNote')}</p>
        </>
      )}
    </section>
  );
}
