// Why a plot is low-efficiency, shown prominently: its figures against the bars and its reasons.
import type { Lang } from '../../domain/i18n.ts';
import { propertyLabel, valueLabel } from '../../domain/labels.ts';
import { formatNumber } from '../../domain/units.ts';
import { formatPercent, formatPerMu } from '../i18n/format.ts';
import { t } from '../i18n/i18n.ts';
import { type Indicator, plotIndicators } from './indicators.ts';

function figure(indicator: Indicator, value: number, lang: Lang): string {
  if (indicator.key === 'buildingDensity') return formatPercent(value);
  if (indicator.key === 'taxPerMu') return formatPerMu(value, lang);
  return formatNumber(value);
}

export function PlotIndicatorsBlock({
  properties,
  lang,
}: {
  properties: Record<string, unknown>;
  lang: Lang;
}) {
  const { measured, otherReasons } = plotIndicators(properties);
  const reasons = Array.isArray(properties.reasons) ? properties.reasons.map(String) : [];
  return (
    <section className="inspector-indicators" aria-labelledby="indicators-heading">
      <h3 id="indicators-heading">{t(lang, 'indicators')}</h3>
      {reasons.length > 0 ? (
        <ul className="reason-chips">
          {reasons.map((reason) => (
            <li key={reason}>{valueLabel('reasons', reason, lang)}</li>
          ))}
        </ul>
      ) : (
        <p>{t(lang, 'noReasons')}</p>
      )}
      <table className="indicator-table">
        <tbody>
          {measured.map((indicator) => (
            <tr key={indicator.key} className={indicator.below ? 'below' : 'met'}>
              <th scope="row">
                {propertyLabel(indicator.key, lang)}
                {indicator.cited && <span className="cited">{t(lang, 'citedReason')}</span>}
              </th>
              <td className="figure">
                {figure(indicator, indicator.value, lang)}
                <span className="bar">
                  {t(lang, 'threshold')} ≥ {figure(indicator, indicator.threshold, lang)}
                </span>
              </td>
              <td className="verdict">
                {indicator.below ? `▼ ${t(lang, 'indicatorBelow')}` : `✓ ${t(lang, 'indicatorMet')}`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {otherReasons.length > 0 && (
        <p className="other-reasons">
          {t(lang, 'otherReasons')}：
          {otherReasons
            .map((reason) => valueLabel('reasons', reason, lang))
            .join(lang === 'zh' ? '、' : ', ')}
        </p>
      )}
    </section>
  );
}
