// The manufacturing share of new construction land against the target, for a leader at a glance: the
// overall share large with ✔/✘ and 达标/未达标, then horizontal bars by park and by year with the target
// line, green at or above the target and red below, the value written beside each bar.

import { useId } from 'react';
import type { Lang } from '../../domain/i18n.ts';
import { formatNumber } from '../../domain/units.ts';
import { OUTSIDE, type ShareGroup, type ShareReport, type ShareTotals, UNKNOWN } from '../../geo/share.ts';
import { formatArea, formatPercent } from '../i18n/format.ts';
import { ta } from './i18n.ts';

/** 0.8 → `80%`; a target with a fraction of a percent keeps one decimal. */
function targetText(target: number): string {
  const percent = target * 100;
  return `${formatNumber(percent, Number.isInteger(Math.round(percent * 1e6) / 1e6) ? 0 : 1)}%`;
}

function verdict(totals: ShareTotals, lang: Lang): { mark: string; word: string; className: string } {
  if (totals.meetsTarget === null) return { mark: '–', word: ta(lang, 'noLand'), className: 'none' };
  return totals.meetsTarget
    ? { mark: '✔', word: ta(lang, 'meets'), className: 'meets' }
    : { mark: '✘', word: ta(lang, 'misses'), className: 'misses' };
}

function groupName(group: ShareGroup, kind: 'park' | 'year', lang: Lang): string {
  if (group.key === OUTSIDE) return ta(lang, 'outside');
  if (group.key === UNKNOWN) return ta(lang, 'yearUnknown');
  return kind === 'year' ? ta(lang, 'yearName', { year: group.name }) : group.name;
}

function ShareBars({
  groups,
  kind,
  lang,
  target,
}: {
  groups: ShareGroup[];
  kind: 'park' | 'year';
  lang: Lang;
  target: number;
}) {
  return (
    <section
      className="share-chart"
      aria-label={ta(lang, kind === 'park' ? 'shareChartPark' : 'shareChartYear', {
        target: targetText(target),
      })}
    >
      <h4>{ta(lang, kind === 'park' ? 'shareByPark' : 'shareByYear')}</h4>
      <div className="share-scale" aria-hidden="true">
        <span className="share-scale-target" style={{ left: `${target * 100}%` }}>
          {ta(lang, 'targetLine', { target: targetText(target) })}
        </span>
      </div>
      <ul>
        {groups.map((group) => {
          const v = verdict(group, lang);
          const value = group.share === null ? '—' : formatPercent(group.share);
          const judgedM2 = group.manufacturingM2 + group.otherM2;
          return (
            <li key={group.key} className={`share-row ${v.className}`}>
              <span className="share-label">
                <span className="share-name">{groupName(group, kind, lang)}</span>
                <span className="share-value">
                  <span aria-hidden="true">{v.mark} </span>
                  {value}
                  <span className="visually-hidden">，{v.word}</span>
                </span>
              </span>
              <span
                className="share-track"
                title={ta(lang, 'shareBarLabel', {
                  name: groupName(group, kind, lang),
                  value,
                  verdict: v.word,
                  mfg: formatArea(group.manufacturingM2, lang).mu,
                  judged: formatArea(judgedM2, lang).mu,
                })}
              >
                <span
                  className="share-bar"
                  style={{ width: `${Math.min((group.share ?? 0) * 100, 100)}%` }}
                />
                <span className="share-target" style={{ left: `${target * 100}%` }} />
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

export function AnalysisShare({ report, lang }: { report: ShareReport | null; lang: Lang }) {
  const name = useId();
  const overall = report?.overall;
  const v = overall ? verdict(overall, lang) : null;
  const target = targetText(overall?.target ?? 0.8);
  return (
    <section className="analysis-section" aria-labelledby={`${name}-h`}>
      <h3 id={`${name}-h`}>{ta(lang, 'shareHeading')}</h3>
      {!report || !overall || !v ? (
        <p className="note">
          {ta(lang, 'noLayer', { layer: lang === 'zh' ? '新增建设用地' : 'New construction land' })}
        </p>
      ) : (
        <>
          <div className={`share-overall ${v.className}`}>
            <p className="share-overall-label">{ta(lang, 'shareOverall')}</p>
            <p className="share-big" data-testid="share-overall">
              {overall.share === null ? '—' : formatPercent(overall.share)}
            </p>
            <p className="share-verdict">
              <span aria-hidden="true">{v.mark}</span> {v.word}
              <span className="share-target-text">（{ta(lang, 'shareTarget', { target })}）</span>
            </p>
          </div>
          <ShareBars groups={report.byPark} kind="park" lang={lang} target={overall.target} />
          <ShareBars groups={report.byYear} kind="year" lang={lang} target={overall.target} />
          <p className="note">{ta(lang, 'shareRule', { target })}</p>
        </>
      )}
    </section>
  );
}
