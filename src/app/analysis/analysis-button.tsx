// The toolbar's 分析 button: with the shell from the start; the panel it opens (analysis-panel.tsx) and
// the worker behind it are loaded when it is first pressed.
import './analysis-button.css';
import { useAtlas } from '../state/store.ts';
import { type AsMenuItem, BarAction } from '../ui/bar-action.tsx';
import { ta } from './i18n.ts';
import { ANALYSIS_PANEL_ID } from './ids.ts';

/** The toolbar button that opens and closes the panel (or its item in the top bar's 更多 menu). */
export function AnalysisButton({ menu }: { menu?: AsMenuItem }) {
  const lang = useAtlas((state) => state.lang);
  const open = useAtlas((state) => state.analysis.open);
  const setAnalysis = useAtlas((state) => state.setAnalysis);
  return (
    <BarAction
      open={open}
      controls={ANALYSIS_PANEL_ID}
      icon={<span aria-hidden="true" className="analysis-icon" />}
      label={ta(lang, 'analysis')}
      onToggle={() => setAnalysis({ open: !open })}
      menu={menu}
    />
  );
}
