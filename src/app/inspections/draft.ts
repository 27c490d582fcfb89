// A record form's draft as it is typed: written to IndexedDB (src/app/state/drafts-db.ts) a moment after
// the last change, at once when the page is hidden (a switch of app, a closing tab) and when the form
// closes without being saved; removed when it is saved or cancelled with confirmation. What is kept and
// under which key is src/domain/drafts.ts.
import { useCallback, useEffect, useRef } from 'react';
import {
  DRAFT_DEBOUNCE_MS,
  type DraftAddress,
  type DraftFields,
  type DraftForm,
  fieldsToKeep,
  isWorthKeeping,
} from '../../domain/drafts.ts';
import { deleteDraft, writeDraft } from '../state/drafts-db.ts';
import { useAtlas } from '../state/store.ts';

/** The draft address of a plot's form for the signed-in user; null when nobody is signed in. */
export function usePlotDraftAddress(plotId: string, form: DraftForm): DraftAddress | null {
  const user = useAtlas((state) => state.session.me?.user.username ?? null);
  return user === null ? null : { user, layer: 'plots', featureId: plotId, form };
}

export interface DraftControl {
  /** The form was saved or cancelled with confirmation: the draft goes, and nothing more is written. */
  settle(): void;
  /** Whether the form holds anything worth keeping (cancelling it then asks first). */
  worthKeeping: boolean;
}

export function useDraft(
  address: DraftAddress | null,
  initial: DraftFields,
  fields: DraftFields,
  photos: readonly File[],
  options: { alwaysKept?: readonly string[]; restored: boolean },
): DraftControl {
  const alwaysKept = options.alwaysKept ?? [];
  const worthKeeping = isWorthKeeping(initial, fields, photos.length);
  const latest = useRef({ address, initial, fields, photos, alwaysKept, worthKeeping });
  latest.current = { address, initial, fields, photos, alwaysKept, worthKeeping };
  const settled = useRef(false);
  // A draft this form did not open with nor write is not its to delete (one read a moment too late).
  const owns = useRef(options.restored);
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);

  const flush = useCallback(() => {
    if (pending.current) clearTimeout(pending.current);
    pending.current = null;
    const now = latest.current;
    if (settled.current || !now.address) return;
    if (now.worthKeeping) {
      owns.current = true;
      void writeDraft(now.address, fieldsToKeep(now.initial, now.fields, now.alwaysKept), now.photos);
    } else if (owns.current) {
      void deleteDraft(now.address);
    }
  }, []);

  // A moment after each change.
  // biome-ignore lint/correctness/useExhaustiveDependencies: written again whenever what is typed changes
  useEffect(() => {
    if (settled.current) return;
    if (pending.current) clearTimeout(pending.current);
    pending.current = setTimeout(flush, DRAFT_DEBOUNCE_MS);
  }, [fields, photos, flush]);

  // At once when the page is hidden, and when the form goes (closed with ✕: the draft stays).
  useEffect(() => {
    const onHide = () => {
      if (document.visibilityState === 'hidden') flush();
    };
    document.addEventListener('visibilitychange', onHide);
    window.addEventListener('pagehide', flush);
    return () => {
      document.removeEventListener('visibilitychange', onHide);
      window.removeEventListener('pagehide', flush);
      if (pending.current) flush();
    };
  }, [flush]);

  const settle = useCallback(() => {
    settled.current = true;
    if (pending.current) clearTimeout(pending.current);
    pending.current = null;
    const { address: current } = latest.current;
    if (current) void deleteDraft(current);
  }, []);

  return { settle, worthKeeping };
}
