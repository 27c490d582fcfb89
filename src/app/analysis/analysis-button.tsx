// The toolbar's 分析 button: with the shell from the start; the panel it opens (analysis-panel.tsx) and
// the worker behind it are loaded when it is first pressed.
import './analysis-button.css';
import { useAtlas } from '../state/store.ts';
import { ta } from './i18n.ts';
import { ANALYSIS_PANEL_ID } from './ids.ts';

/** The toolbar button that opens and closes the panel. */
export function AnalysisButton() {
  const lang = useAtlas((state) => state.lang);
  const open = useAtlas((state) => state.analysis.open);
  const setAnalysis = useAtlas((state) => state.setAnalysis);
  return (
    <button
      type="button"
      className="bar-button bar-toggle"
      aria-expanded={open}
      aria-controls={ANALYSIS_PANEL_ID}
      onClick={() => setAnalysis({ open: !open })}
    >
      <span aria-hidden="true" className="analysis-icon" />
      {ta(lang, 'analysis')}
    </button>
  );
}
