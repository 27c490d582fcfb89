// The frame both record forms (an inspection, a plot's attributes) share: a sheet that will not close
// while a save is under way, the form with its save and cancel buttons, and the conflict dialog over it
// when a save meets a change made meanwhile. Cancelling a form with something typed asks first (its draft
// goes with it); closing it with ✕ keeps the draft for later (inspections/draft.ts).
import { type FormEvent, type ReactNode, useState } from 'react';
import type { Lang } from '../../domain/i18n.ts';
import type { Conflict } from '../api/transact.ts';
import type { Submitted } from '../outbox/outbox.ts';
import type { StoredDraft } from '../state/drafts-db.ts';
import { Sheet } from '../ui/sheet.tsx';
import { ConflictDialog } from './conflict-dialog.tsx';
import { tr } from './strings.ts';

/** What the plot's records open either form with. */
export interface RecordFormProps {
  lang: Lang;
  plotId: string;
  /** The plot's properties when the form opens: the version a save is based on. */
  properties: Record<string, unknown>;
  onClose: () => void;
  /** After a save, with the message the inspector shows. */
  onSaved: (message: string) => void;
  /** The draft to continue: the form opens with what it kept. */
  draft?: StoredDraft | null;
}

export function RecordFormSheet({
  lang,
  title,
  busy,
  saveLabel,
  onSubmit,
  onClose,
  conflict,
  conflictError,
  takeTheirsNote,
  onConflictClose,
  onResolve,
  confirmCancel,
  onDiscard,
  children,
}: {
  lang: Lang;
  title: string;
  busy: boolean;
  /** The submit button's text: the form's own, or "saving" while a save is under way. */
  saveLabel: string;
  onSubmit: (event: FormEvent) => void;
  onClose: () => void;
  /** The conflict the last save met, if any: the dialog shows while it is set. */
  conflict: Conflict | null;
  conflictError: string | null;
  takeTheirsNote: string;
  onConflictClose: () => void;
  /** Sends the person's choice in the conflict through the form's own write path. */
  onResolve: (write: () => Promise<Submitted>) => void;
  /** Something is typed: 取消 asks before `onDiscard` (which drops the draft and closes). */
  confirmCancel: boolean;
  onDiscard: () => void;
  /** The form's fields, its error and progress lines. */
  children: ReactNode;
}) {
  const [asking, setAsking] = useState(false);
  const cancel = () => {
    if (confirmCancel) setAsking(true);
    else onDiscard();
  };
  return (
    <Sheet
      title={title}
      closeLabel={tr(lang, 'close')}
      onClose={() => !busy && onClose()}
      className="form-sheet"
    >
      <form className="record-form" onSubmit={onSubmit} noValidate>
        {children}
        {asking && confirmCancel ? (
          <div className="cancel-question" role="alert">
            <p>{tr(lang, 'cancelQuestion')}</p>
            <div className="form-actions">
              <button type="button" className="primary-button danger" onClick={onDiscard}>
                {tr(lang, 'cancelConfirm')}
              </button>
              <button type="button" className="secondary-button" onClick={() => setAsking(false)}>
                {tr(lang, 'cancelBack')}
              </button>
            </div>
          </div>
        ) : (
          <div className="form-actions">
            <button type="submit" className="primary-button" disabled={busy}>
              {saveLabel}
            </button>
            <button type="button" className="secondary-button" disabled={busy} onClick={cancel}>
              {tr(lang, 'cancel')}
            </button>
          </div>
        )}
        {confirmCancel && !busy && (
          <p className="hint draft-hint" role="note">
            {tr(lang, 'draftAutosaved')}
          </p>
        )}
      </form>
      {conflict && (
        <ConflictDialog
          lang={lang}
          conflict={conflict}
          busy={busy}
          error={conflictError}
          takeTheirsNote={takeTheirsNote}
          onClose={onConflictClose}
          onResolve={onResolve}
        />
      )}
    </Sheet>
  );
}
