// Why a plot is low-efficiency, shown prominently: its figures against the identification rules in force
// (set by an administrator; useRules), which rules it fails, its recorded reasons, and a warning when
// its status disagrees with the rules.
import type { Lang } from '../../domain/i18n.ts';
import { valueLabel } from '../../domain/labels.ts';
import { formatNumber } from '../../domain/units.ts';
import { formatPercent, formatPerMu } from '../i18n/format.ts';
import { t } from '../i18n/i18n.ts';
import { useRules } from '../state/settings.ts';
import { useToday } from '../state/today.ts';
import { td } from './deadline-strings.ts';
import { type Indicator, plotIndicators } from './indicators.ts';

function figure(indicator: Indicator, value: number, lang: Lang): string {
  if (indicator.key === 'buildingDensity') return formatPercent(value);
  if (indicator.key === 'taxPerMu' || indicator.key === 'outputPerMu') return formatPerMu(value, lang);
  if (indicator.key === 'idle') return td(lang, 'idleYears', { n: formatNumber(value) });
  return formatNumber(value);
}

function barText(indicator: Indicator, lang: Lang): string {
  if (indicator.key === 'idle') return td(lang, 'ruleBarIdle', { bar: formatNumber(indicator.threshold) });
  const bar = td(lang, 'ruleBarMin', { bar: figure(indicator, indicator.threshold, lang) });
  return indicator.landUseClass ? `${bar}${td(lang, 'ruleClass', { class: indicator.landUseClass })}` : bar;
}

export function PlotIndicatorsBlock({
  properties,
  lang,
}: {
  properties: Record<string, unknown>;
  lang: Lang;
}) {
  const rules = useRules();
  const today = useToday();
  const { measured, otherReasons, disagrees } = plotIndicators(properties, rules, today);
  const reasons = Array.isArray(properties.reasons) ? properties.reasons.map(String) : [];
  const failed = measured.filter((indicator) => indicator.below).length;
  const summary =
    measured.length === 0
      ? td(lang, 'rulesNotJudged')
      : failed > 0
        ? td(lang, 'rulesFailCount', { n: failed })
        : td(lang, 'rulesPassAll');
  return (
    <section className="inspector-indicators" aria-labelledby="indicators-heading">
      <h3 id="indicators-heading">{td(lang, 'rulesHeading')}</h3>
      <p className={failed > 0 ? 'rules-summary fails' : 'rules-summary'} data-testid="rules-summary">
        {summary}
      </p>
      {disagrees && (
        <p className="rules-disagree" role="note">
          {td(lang, properties.status === 'completed' ? 'disagreesCompleted' : 'disagreesCampaign')}
        </p>
      )}
      {measured.length > 0 && (
        <table className="indicator-table">
          <tbody>
            {measured.map((indicator) => (
              <tr key={indicator.key} className={indicator.below ? 'below' : 'met'}>
                <th scope="row">
                  {td(lang, `rule_${indicator.key}`)}
                  {indicator.cited && <span className="cited">{t(lang, 'citedReason')}</span>}
                </th>
                <td className="figure">
                  {figure(indicator, indicator.value, lang)}
                  <span className="bar">{barText(indicator, lang)}</span>
                </td>
                <td className="verdict">
                  {indicator.below ? `▼ ${td(lang, 'ruleFails')}` : `✓ ${td(lang, 'rulePasses')}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {reasons.length > 0 ? (
        <ul className="reason-chips" aria-label={t(lang, 'indicators')}>
          {reasons.map((reason) => (
            <li key={reason}>{valueLabel('reasons', reason, lang)}</li>
          ))}
        </ul>
      ) : (
        <p>{t(lang, 'noReasons')}</p>
      )}
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
