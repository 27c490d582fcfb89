import { type FormEvent, useMemo, useState } from 'react';
import { isIsoDate } from '../../domain/dates.ts';
import { restoredFields } from '../../domain/drafts.ts';
import { propertyLabel, valueLabel } from '../../domain/labels.ts';
import { isStatusBackwards, PLOT_GRADES, RECTIFICATION_MODES } from '../../domain/layers.ts';
import { errorText } from '../api/client.ts';
import { newClientId } from '../api/ids.ts';
import type { Conflict } from '../api/transact.ts';
import { GRADE_COLOURS } from '../map/styles.ts';
import { releaseFromForm, type Submitted, submit } from '../outbox/outbox.ts';
import { ChoiceGroup } from '../ui/choice-group.tsx';
import { useDraft, usePlotDraftAddress } from './draft.ts';
import { type RecordFormProps, RecordFormSheet } from './record-form-sheet.tsx';
import { notesWithBackReason, StatusChoice } from './status-back.tsx';
import { tr } from './strings.ts';

/** The attribute editor takes no photos. */
const NO_PHOTOS: readonly File[] = [];

const EDITABLE_PLOT_FIELDS = ['status', 'mode', 'grade', 'deadline', 'notes'] as const;

interface Values {
  status: string;
  mode: string;
  grade: string;
  deadline: string;
  notes: string;
}

function valuesOf(properties: Record<string, unknown>): Values {
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  return {
    status: text(properties.status),
    mode: text(properties.mode),
    grade: text(properties.grade),
    deadline: text(properties.deadline),
    notes: text(properties.notes),
  };
}

/** The properties the person changed, as a merge patch: an emptied deadline or note becomes null. */
export function plotChanges(base: Record<string, unknown>, values: Values): Record<string, unknown> {
  const before = valuesOf(base);
  const changes: Record<string, unknown> = {};
  for (const name of EDITABLE_PLOT_FIELDS) {
    if (values[name] === before[name]) continue;
    const optional = name === 'deadline' || name === 'notes';
    changes[name] = optional && values[name].trim() === '' ? null : values[name];
  }
  return changes;
}

export function EditPlotForm({ lang, plotId, properties, onClose, onSaved, draft }: RecordFormProps) {
  // The version the person is editing from stays fixed while the form is open.
  const [base] = useState(properties);
  const [opening] = useState(() => ({ ...valuesOf(properties), backReason: '' }));
  const [start] = useState(() => restoredFields(opening, draft?.fields));
  const [values, setValues] = useState<Values>(() => {
    const { backReason: _reason, ...fields } = start;
    return fields;
  });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [conflictError, setConflictError] = useState<string | null>(null);
  const [backReason, setBackReason] = useState(start.backReason);
  const typed = useMemo(() => ({ ...values, backReason }), [values, backReason]);
  const draftControl = useDraft(usePlotDraftAddress(plotId, 'edit-plot'), opening, typed, NO_PHOTOS, {
    restored: Boolean(draft),
  });
  const backwards = isStatusBackwards(String(base.status ?? ''), values.status);
  // The id of this form's write in the outbox: saving again (after a refusal or a conflict) replaces
  // that item, never adds a second.
  const intentId = useMemo(newClientId, []);
  const set = (name: keyof Values) => (value: string) =>
    setValues((current) => ({ ...current, [name]: value }));

  const send = async (write: () => Promise<Submitted>) => {
    setBusy(true);
    setError(null);
    setConflictError(null);
    try {
      const outcome = await write();
      if (outcome.status === 'conflict') {
        setConflict(outcome.conflict);
        return;
      }
      setConflict(null);
      draftControl.settle();
      if (outcome.status === 'queued') {
        onSaved(tr(lang, 'savedToSync'));
        return;
      }
      // The plot as saved is on the map already: the outbox puts what the server acknowledged there.
      onSaved(tr(lang, 'saved'));
    } catch (caught) {
      if (conflict) setConflictError(errorText(caught, lang));
      else setError(errorText(caught, lang));
    } finally {
      setBusy(false);
    }
  };

  const submitForm = (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (values.deadline.trim() !== '' && !isIsoDate(values.deadline))
      return setError(tr(lang, 'dateInvalid'));
    if (backwards && backReason.trim() === '') return setError(tr(lang, 'backReasonRequired'));
    // The reason for going back goes with the plot's notes, where its change history shows it.
    const changes = plotChanges(
      base,
      backwards ? { ...values, notes: notesWithBackReason(lang, backReason, values.notes) } : values,
    );
    if (Object.keys(changes).length === 0) return setError(tr(lang, 'nothingChanged'));
    void send(() =>
      submit(
        { kind: 'edit-feature', id: intentId, layer: 'plots', featureId: plotId, base, changes },
        { zh: `编辑属性 ${plotId}`, en: `Attributes of ${plotId}` },
      ),
    );
  };

  return (
    <RecordFormSheet
      lang={lang}
      title={tr(lang, 'editTitle', { plot: plotId })}
      busy={busy}
      saveLabel={busy ? tr(lang, 'saving') : tr(lang, 'saveAttributes')}
      onSubmit={submitForm}
      onClose={() => {
        // Cancelling after a refusal or a conflict gives the edit up; a queued one stays queued.
        void releaseFromForm(intentId);
        onClose();
      }}
      conflict={conflict}
      conflictError={conflictError}
      takeTheirsNote={tr(lang, 'takeTheirsNote')}
      onConflictClose={() => setConflict(null)}
      onResolve={(write) => void send(write)}
      confirmCancel={draftControl.worthKeeping}
      onDiscard={() => {
        draftControl.settle();
        onClose();
      }}
    >
      <StatusChoice
        lang={lang}
        legend={propertyLabel('status', lang)}
        name="edit-status"
        from={String(base.status ?? '')}
        value={values.status}
        onChange={set('status')}
        reason={backReason}
        onReason={setBackReason}
      />
      <ChoiceGroup
        legend={tr(lang, 'mode')}
        name="edit-mode"
        value={values.mode}
        onChange={set('mode')}
        choices={RECTIFICATION_MODES.map((value) => ({ value, label: valueLabel('mode', value, lang) }))}
      />
      <ChoiceGroup
        legend={propertyLabel('grade', lang)}
        name="edit-grade"
        value={values.grade}
        onChange={set('grade')}
        choices={PLOT_GRADES.map((value) => ({
          value,
          label: valueLabel('grade', value, lang),
          colour: GRADE_COLOURS[value],
        }))}
      />
      <label className="field">
        <span>{propertyLabel('deadline', lang)}</span>
        <input
          type="date"
          value={values.deadline}
          onChange={(event) => set('deadline')(event.target.value)}
        />
        <span className="hint">{tr(lang, 'noDeadline')}</span>
      </label>
      <label className="field">
        <span>{tr(lang, 'notes')}</span>
        <textarea rows={3} value={values.notes} onChange={(event) => set('notes')(event.target.value)} />
      </label>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </RecordFormSheet>
  );
}
