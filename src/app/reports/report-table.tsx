// One table of the progress report as the screen and the paper show it: the headers (with units) and
// the figures written by their kind — counts whole, 亩 and 亿元 to 2 decimals, shares as percentages.
import type { Lang } from '../../domain/i18n.ts';
import type { ColumnKind, ReportCell, ReportTable } from '../../domain/report-tables.ts';
import { formatNumber } from '../../domain/units.ts';

function cellText(value: ReportCell, kind: ColumnKind): string {
  if (value === null) return '—';
  if (typeof value === 'string') return value;
  switch (kind) {
    case 'count':
      return formatNumber(value, 0);
    case 'percent':
      return `${formatNumber(value * 100, 1)}%`;
    default:
      return formatNumber(value, 2);
  }
}

export function ReportTableView({ table, lang }: { table: ReportTable; lang: Lang }) {
  const headingId = `report-table-${table.id}`;
  return (
    <section className="report-section" aria-labelledby={headingId}>
      <h3 id={headingId}>{table.title[lang]}</h3>
      <div className="report-table-scroll">
        <table className="report-table" aria-labelledby={headingId}>
          <thead>
            <tr>
              {table.columns.map((column) => (
                <th key={column.header.zh} scope="col" className={`kind-${column.kind}`}>
                  {column.header[lang]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row, rowIndex) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the rows have no ids; their order is the report's
              <tr key={rowIndex} className={rowIndex === table.totalRow ? 'total' : undefined}>
                {row.map((value, index) => {
                  const column = table.columns[index];
                  const kind = column?.kind ?? 'text';
                  return index === 0 ? (
                    <th key={column?.header.zh} scope="row">
                      {cellText(value, kind)}
                    </th>
                  ) : (
                    <td key={column?.header.zh ?? index} className={`kind-${kind}`}>
                      {cellText(value, kind)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
