// Overlapping plots: one button per pair, named with both ids and the overlap in 亩; choosing one asks
// the worker for the shared geometry, which the map draws in a warning colour and zooms to.

import { useId } from 'react';
import type { Lang } from '../../domain/i18n.ts';
import { formatNumber } from '../../domain/units.ts';
import type { AnalysisResult } from '../../geo/analysis.ts';
import { formatArea } from '../i18n/format.ts';
import { useAtlas } from '../state/store.ts';
import { clearOverlap, showOverlap } from './client.ts';
import { ta } from './i18n.ts';

export function AnalysisOverlaps({ result, lang }: { result: AnalysisResult; lang: Lang }) {
  const name = useId();
  const highlight = useAtlas((state) => state.analysis.highlight);
  const { overlaps } = result;
  return (
    <section className="analysis-section" aria-labelledby={`${name}-h`}>
      <h3 id={`${name}-h`}>{ta(lang, 'overlapsHeading')}</h3>
      <p className={overlaps.length > 0 ? 'overlap-summary warn' : 'overlap-summary'}>
        {overlaps.length === 0
          ? ta(lang, 'overlapsNone')
          : ta(lang, 'overlapsFound', { n: formatNumber(overlaps.length, 0) })}
      </p>
      {overlaps.length > 0 && (
        <ul className="overlap-list">
          {overlaps.map((pair) => {
            const shown = highlight?.a === pair.a && highlight.b === pair.b;
            return (
              <li key={`${pair.a}|${pair.b}`}>
                <button
                  type="button"
                  className={shown ? 'overlap-row shown' : 'overlap-row'}
                  aria-pressed={shown}
                  onClick={() => void showOverlap(pair.a, pair.b, pair.m2)}
                >
                  <span className="overlap-ids">
                    {pair.a} × {pair.b}
                  </span>{' '}
                  <span className="overlap-area">
                    {ta(lang, 'overlapWord')} {formatArea(pair.m2, lang).mu}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {highlight && (
        <div className="overlap-shown">
          <p role="status">
            {highlight.pending
              ? '…'
              : ta(lang, highlight.shape ? 'overlapShown' : 'overlapMissing', {
                  a: highlight.a,
                  b: highlight.b,
                })}
          </p>
          <button type="button" className="text-button" onClick={clearOverlap}>
            {ta(lang, 'clearOverlap')}
          </button>
        </div>
      )}
    </section>
  );
}
