// The analysis panel (issue #3): opened from the toolbar, it asks the analysis worker for the report and
// shows it — plots per park, overlapping plots, the manufacturing share of new land against the target,
// the project pipeline — with a progress bar and a cancel button while the worker runs. A side sheet on
// a desktop, a full-height sheet on a tablet. It renders results only; the geometry is in the worker.
import '../ui/ui.css';
import './analysis.css';
import { useEffect } from 'react';
import { formatNumber } from '../../domain/units.ts';
import { useAtlas } from '../state/store.ts';
import { CloseButton } from '../ui/close-button.tsx';
import { AnalysisOverlaps } from './analysis-overlaps.tsx';
import { AnalysisParks } from './analysis-parks.tsx';
import { AnalysisPipeline } from './analysis-pipeline.tsx';
import { AnalysisShare } from './analysis-share.tsx';
import { cancelAnalysis, startAnalysis } from './client.ts';
import { ta } from './i18n.ts';
import { ANALYSIS_PANEL_ID } from './ids.ts';

function RunStatus() {
  const lang = useAtlas((state) => state.lang);
  const loading = useAtlas((state) => state.loading);
  const status = useAtlas((state) => state.analysis.status);
  const progress = useAtlas((state) => state.analysis.progress);
  const phase = useAtlas((state) => state.analysis.phase);
  const result = useAtlas((state) => state.analysis.result);
  const ms = useAtlas((state) => state.analysis.ms);
  const error = useAtlas((state) => state.analysis.error);

  if (status === 'running') {
    const percent = Math.round(progress * 100);
    return (
      <div className="analysis-run">
        <p className="analysis-status">
          {ta(lang, 'running', { phase: phase ? ta(lang, `phase_${phase}`) : '…' })}
        </p>
        <div className="analysis-progress-row">
          <div
            className="analysis-progress"
            role="progressbar"
            aria-label={ta(lang, 'progress')}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={percent}
            aria-valuetext={`${percent}%`}
          >
            <span style={{ width: `${percent}%` }} />
          </div>
          <button type="button" className="text-button" onClick={cancelAnalysis}>
            {ta(lang, 'cancel')}
          </button>
        </div>
      </div>
    );
  }
  let message = '';
  if (loading) message = ta(lang, 'waitingForLayers');
  else if (status === 'cancelled') message = ta(lang, result ? 'cancelledOld' : 'cancelled');
  else if (status === 'error') message = ta(lang, 'failed', { reason: error ?? '' });
  else if (status === 'done' && result) {
    message = ta(lang, 'done', {
      n: formatNumber(result.counts.plots, 0),
      m: formatNumber(result.counts.newland, 0),
      p: formatNumber(result.counts.projects, 0),
      ms: formatNumber(ms ?? 0, 0),
    });
  }
  return (
    <p className={`analysis-status status-${status}`} role="status">
      {message}
    </p>
  );
}

export function AnalysisPanel() {
  const lang = useAtlas((state) => state.lang);
  const loading = useAtlas((state) => state.loading);
  const layers = useAtlas((state) => state.layers);
  const tiled = useAtlas((state) => state.tiled);
  const open = useAtlas((state) => state.analysis.open);
  const status = useAtlas((state) => state.analysis.status);
  const result = useAtlas((state) => state.analysis.result);
  const setAnalysis = useAtlas((state) => state.setAnalysis);

  // The first opening after the layers have loaded runs the analysis; later ones show the last result.
  useEffect(() => {
    if (open && !loading && status === 'idle') void startAnalysis();
  }, [open, loading, status]);

  if (!open) return null;
  return (
    <aside id={ANALYSIS_PANEL_ID} className="analysis-panel" aria-label={ta(lang, 'analysis')}>
      <header className="analysis-header">
        <h2>{ta(lang, 'analysis')}</h2>
        <button
          type="button"
          className="text-button analysis-recompute"
          disabled={loading || status === 'running'}
          onClick={() => void startAnalysis()}
        >
          {ta(lang, 'recompute')}
        </button>
        <CloseButton label={ta(lang, 'closeAnalysis')} onClick={() => setAnalysis({ open: false })} />
      </header>
      <RunStatus />
      {result && (
        <div className="analysis-body" aria-busy={status === 'running'}>
          <AnalysisParks result={result} lang={lang} hasLayer={Boolean(layers.plots || tiled.plots)} />
          <AnalysisOverlaps result={result} lang={lang} />
          <AnalysisShare report={result.share} lang={lang} />
          <AnalysisPipeline report={result.pipeline} lang={lang} />
        </div>
      )}
    </aside>
  );
}
