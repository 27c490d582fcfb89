// What the inspector shows of a plot's records: the write actions the signed-in user may take (记录巡查
// for inspectors, 编辑属性 for planners; none for viewers), then its inspection and change histories.

import { useEffect, useState } from 'react';
import type { Lang } from '../../domain/i18n.ts';
import { canEdit } from '../state/session-slice.ts';
import { useAtlas } from '../state/store.ts';
import { ChangeHistory } from './change-history.tsx';
import { EditPlotForm } from './edit-plot-form.tsx';
import { InspectionForm } from './inspection-form.tsx';
import { InspectionHistory } from './inspection-history.tsx';
import { usePlotRecords } from './records.ts';
import { tr } from './strings.ts';
import '../ui/ui.css';
import './inspections.css';

export function PlotActions({
  lang,
  plotId,
  properties,
}: {
  lang: Lang;
  plotId: string;
  properties: Record<string, unknown>;
}) {
  const me = useAtlas((state) => state.session.me);
  const [open, setOpen] = useState<'inspect' | 'edit' | null>(null);
  const [done, setDone] = useState<string | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a different plot closes the form and the notice
  useEffect(() => {
    setOpen(null);
    setDone(null);
  }, [plotId]);
  const mayInspect = Boolean(me?.can.inspect);
  const mayEdit = canEdit(me, 'plots');
  if (!mayInspect && !mayEdit) return null;
  const saved = (message: string) => {
    setOpen(null);
    setDone(message);
  };
  return (
    <section className="plot-actions">
      <div className="action-row">
        {mayInspect && (
          <button
            type="button"
            className="primary-button"
            onClick={() => {
              setDone(null);
              setOpen('inspect');
            }}
          >
            {tr(lang, 'recordInspection')}
          </button>
        )}
        {mayEdit && (
          <button
            type="button"
            className="secondary-button"
            onClick={() => {
              setDone(null);
              setOpen('edit');
            }}
          >
            {tr(lang, 'editAttributes')}
          </button>
        )}
      </div>
      {done && (
        <p className="saved-notice" role="status">
          {done}
        </p>
      )}
      {open === 'inspect' && (
        <InspectionForm
          lang={lang}
          plotId={plotId}
          properties={properties}
          onClose={() => setOpen(null)}
          onSaved={saved}
        />
      )}
      {open === 'edit' && (
        <EditPlotForm
          lang={lang}
          plotId={plotId}
          properties={properties}
          onClose={() => setOpen(null)}
          onSaved={saved}
        />
      )}
    </section>
  );
}

export function PlotHistories({ lang, plotId, version }: { lang: Lang; plotId: string; version: unknown }) {
  const records = usePlotRecords(plotId, version, lang);
  return (
    <>
      {records.error && (
        <div className="form-error" role="alert">
          <p>{records.error}</p>
          <button type="button" className="text-button" onClick={records.reload}>
            {tr(lang, 'retry')}
          </button>
        </div>
      )}
      <InspectionHistory lang={lang} plotId={plotId} inspections={records.inspections} />
      <ChangeHistory lang={lang} id={plotId} entries={records.history} />
    </>
  );
}
