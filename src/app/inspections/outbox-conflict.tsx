// A conflict met by a write the outbox sent in the background (no form open): the same dialog as a
// form's, with the person's answer sent through the outbox in place of the item (src/app/outbox).
import { useState } from 'react';
import type { Lang } from '../../domain/i18n.ts';
import { errorText } from '../api/client.ts';
import type { Conflict } from '../api/transact.ts';
import type { Submitted } from '../outbox/outbox.ts';
import { ConflictDialog } from './conflict-dialog.tsx';
import { tr } from './strings.ts';

export function OutboxConflict({
  lang,
  conflict,
  onDone,
}: {
  lang: Lang;
  conflict: Conflict;
  onDone: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const send = async (write: () => Promise<Submitted>) => {
    setBusy(true);
    setError(null);
    try {
      await write();
      onDone();
    } catch (caught) {
      setError(errorText(caught, lang));
    } finally {
      setBusy(false);
    }
  };
  return (
    <ConflictDialog
      lang={lang}
      conflict={conflict}
      busy={busy}
      error={error}
      takeTheirsNote={tr(
        lang,
        conflict.intent.kind === 'record-inspection' ? 'takeTheirsInspection' : 'takeTheirsNote',
      )}
      onResolve={(write) => void send(write)}
      onClose={onDone}
    />
  );
}
