// The frame both record forms (an inspection, a plot's attributes) share: a sheet that will not close
// while a save is under way, the form with its save and cancel buttons, and the conflict dialog over it
// when a save meets a change made meanwhile.
import type { FormEvent, ReactNode } from 'react';
import type { Lang } from '../../domain/i18n.ts';
import type { Conflict } from '../api/transact.ts';
import type { Submitted } from '../outbox/outbox.ts';
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
  /** The form's fields, its error and progress lines. */
  children: ReactNode;
}) {
  return (
    <Sheet
      title={title}
      closeLabel={tr(lang, 'close')}
      onClose={() => !busy && onClose()}
      className="form-sheet"
    >
      <form className="record-form" onSubmit={onSubmit} noValidate>
        {children}
        <div className="form-actions">
          <button type="submit" className="primary-button" disabled={busy}>
            {saveLabel}
          </button>
          <button type="button" className="secondary-button" disabled={busy} onClick={onClose}>
            {tr(lang, 'cancel')}
          </button>
        </div>
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
