// A plot's status in either record form: the four statuses as large choices in their map colours and,
// when the choice goes back along 已认定 → 已核查 → 整治中 → 已完成, that said in words with the reason
// asked for (the forms refuse to save without it and keep it in their notes).
import type { Lang } from '../../domain/i18n.ts';
import { valueLabel } from '../../domain/labels.ts';
import { isStatusBackwards, PLOT_STATUSES } from '../../domain/layers.ts';
import { STATUS_COLOURS } from '../map/styles.ts';
import { ChoiceGroup } from '../ui/choice-group.tsx';
import { tr } from './strings.ts';

/** The status choices, with the reason asked for when the status goes back from `from`. */
export function StatusChoice({
  lang,
  legend,
  name,
  from,
  value,
  onChange,
  reason,
  onReason,
}: {
  lang: Lang;
  legend: string;
  name: string;
  from: string;
  value: string;
  onChange: (status: string) => void;
  reason: string;
  onReason: (reason: string) => void;
}) {
  return (
    <>
      <ChoiceGroup
        legend={legend}
        name={name}
        required
        value={value}
        onChange={onChange}
        choices={PLOT_STATUSES.map((status) => ({
          value: status,
          label: valueLabel('status', status, lang),
          colour: STATUS_COLOURS[status],
        }))}
      />
      {isStatusBackwards(from, value) && (
        <StatusBackFields lang={lang} from={from} to={value} reason={reason} onReason={onReason} />
      )}
    </>
  );
}

function StatusBackFields({
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
