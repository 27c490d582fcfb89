// What the inspector shows of a plot's records: the write actions the signed-in user may take (记录巡查
// for inspectors, 编辑属性 for planners; none for viewers), a draft left unfinished on this device (继续 /
// 丢弃), then its inspection and change histories.

import { useCallback, useEffect, useState } from 'react';
import { dataTimeLabel } from '../../domain/data-age.ts';
import type { DraftForm } from '../../domain/drafts.ts';
import type { Lang } from '../../domain/i18n.ts';
import type { HistoryEntry } from '../../domain/wire.ts';
import { errorText } from '../api/client.ts';
import { getFeatureHistory } from '../api/endpoints.ts';
import { deleteDraft, draftsOf, type StoredDraft } from '../state/drafts-db.ts';
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

/** The plot's drafts of this user on this device, by form; null while they are being read. */
function usePlotDrafts(user: string | null, plotId: string) {
  const [drafts, setDrafts] = useState<Partial<Record<DraftForm, StoredDraft>> | null>(null);
  const reload = useCallback(() => {
    if (user === null) return;
    let live = true;
    void draftsOf(user, 'plots', plotId).then((list) => {
      if (!live) return;
      const byForm: Partial<Record<DraftForm, StoredDraft>> = {};
      for (const draft of list) byForm[draft.form] = draft;
      setDrafts(byForm);
    });
    return () => {
      live = false;
    };
  }, [user, plotId]);
  useEffect(() => {
    setDrafts(null);
    return reload();
  }, [reload]);
  return { drafts, reload };
}

function DraftNotice({
  lang,
  draft,
  onContinue,
  onDiscarded,
}: {
  lang: Lang;
  draft: StoredDraft;
  onContinue: () => void;
  onDiscarded: () => void;
}) {
  const [asking, setAsking] = useState(false);
  return (
    <div className="draft-notice" role="status">
      <p>
        <strong>{tr(lang, draft.form === 'inspection' ? 'draftInspection' : 'draftEdit')}</strong>
        {tr(lang, 'draftSavedAt', { time: dataTimeLabel(draft.savedAt, Date.now()) })}
        {draft.photos.length > 0 && tr(lang, 'draftPhotos', { n: draft.photos.length })}
      </p>
      {asking ? (
        <>
          <p>{tr(lang, 'draftDiscardQuestion')}</p>
          <div className="action-row">
            <button
              type="button"
              className="primary-button danger"
              onClick={() => void deleteDraft(draft).then(onDiscarded)}
            >
              {tr(lang, 'draftDiscardConfirm')}
            </button>
            <button type="button" className="secondary-button" onClick={() => setAsking(false)}>
              {tr(lang, 'draftKeep')}
            </button>
          </div>
        </>
      ) : (
        <div className="action-row">
          <button type="button" className="primary-button" onClick={onContinue}>
            {tr(lang, 'draftContinue')}
          </button>
          <button type="button" className="secondary-button" onClick={() => setAsking(true)}>
            {tr(lang, 'draftDiscard')}
          </button>
        </div>
      )}
    </div>
  );
}

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
  const { drafts, reload } = usePlotDrafts(me?.user.username ?? null, plotId);
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
    reload();
  };
  const closed = () => {
    setOpen(null);
    // Closed with ✕, the draft stays: read again once it is written, so the card offers it.
    setTimeout(reload, 50);
  };
  const openForm = (form: 'inspect' | 'edit') => {
    setDone(null);
    setOpen(form);
  };
  // Until the drafts are read, a form would open without the one it has.
  const ready = drafts !== null;
  const inspectDraft = mayInspect ? drafts?.inspection : undefined;
  const editDraft = mayEdit ? drafts?.['edit-plot'] : undefined;
  return (
    <section className="plot-actions">
      <div className="action-row">
        {mayInspect && (
          <button
            type="button"
            className="primary-button"
            disabled={!ready}
            onClick={() => openForm('inspect')}
          >
            {tr(lang, 'recordInspection')}
          </button>
        )}
        {mayEdit && (
          <button
            type="button"
            className="secondary-button"
            disabled={!ready}
            onClick={() => openForm('edit')}
          >
            {tr(lang, 'editAttributes')}
          </button>
        )}
      </div>
      {open === null && inspectDraft && (
        <DraftNotice
          lang={lang}
          draft={inspectDraft}
          onContinue={() => openForm('inspect')}
          onDiscarded={reload}
        />
      )}
      {open === null && editDraft && (
        <DraftNotice lang={lang} draft={editDraft} onContinue={() => openForm('edit')} onDiscarded={reload} />
      )}
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
          onClose={closed}
          onSaved={saved}
          draft={inspectDraft ?? null}
        />
      )}
      {open === 'edit' && (
        <EditPlotForm
          lang={lang}
          plotId={plotId}
          properties={properties}
          onClose={closed}
          onSaved={saved}
          draft={editDraft ?? null}
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

/** The change history of a feature of another layer (a project's planned dates, a zone): who changed what, when. */
export function FeatureHistory({
  lang,
  layer,
  id: featureId,
  version,
}: {
  lang: Lang;
  layer: string;
  id: string;
  version: unknown;
}) {
  const [loaded, setLoaded] = useState<{ key: string; entries: HistoryEntry[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const key = `${layer}/${featureId}`;
  // biome-ignore lint/correctness/useExhaustiveDependencies: version is a re-read trigger
  useEffect(() => {
    const controller = new AbortController();
    setError(null);
    getFeatureHistory(layer, featureId, controller.signal).then(
      (page) => {
        if (!controller.signal.aborted) setLoaded({ key, entries: page.entries });
      },
      (caught: unknown) => {
        if (!controller.signal.aborted) setError(errorText(caught, lang));
      },
    );
    return () => controller.abort();
  }, [layer, featureId, key, version, lang]);
  return (
    <>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <ChangeHistory lang={lang} id={featureId} entries={loaded?.key === key ? loaded.entries : null} />
    </>
  );
}
