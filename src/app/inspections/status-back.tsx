// A plot's status going back along 已认定 → 已核查 → 整治中 → 已完成, in either record form: said in words,
// with the reason asked for (the forms refuse to save without it and keep it in their notes).
import type { Lang } from '../../domain/i18n.ts';
import { valueLabel } from '../../domain/labels.ts';
import { tr } from './strings.ts';

export function StatusBackFields({
  lang,
  from,
  to,
  reason,
  onReason,
}: {
  lang: Lang;
  from: string;
  to: string;
  reason: string;
  onReason: (reason: string) => void;
}) {
  return (
    <fieldset className="status-back">
      <legend>
        {tr(lang, 'statusBack', {
          from: valueLabel('status', from, lang),
          to: valueLabel('status', to, lang),
        })}
      </legend>
      <label className="field">
        <span>
          {tr(lang, 'backReason')}
          <span className="required-mark" aria-hidden="true">
            *
          </span>
        </span>
        <textarea value={reason} rows={2} required onChange={(event) => onReason(event.target.value)} />
      </label>
    </fieldset>
  );
}

/** The notes with the reason for going back first (as the history will show them). */
export function notesWithBackReason(lang: Lang, reason: string, notes: string): string {
  return [tr(lang, 'backReasonNote', { reason: reason.trim() }), notes.trim()].filter(Boolean).join('\n');
}
