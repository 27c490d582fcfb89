// 记录巡查 / Record inspection: date (today), status after (large radios), findings (required), mode,
// notes and photos from the camera or a file (previews; 10 MB each, checked here too). Saving records
// the inspection (POST /api/inspections with the plot version seen), puts the plot's new status on the
// map, then sends each photo. It goes through the one write path (api/transact.ts): a plot changed
// meanwhile in other fields is merged without asking; only a status (or mode) both changed differently
// opens the conflict dialog. Photos that fail can be sent again.
import type { Feature } from 'geojson';
import { type FormEvent, useEffect, useId, useMemo, useRef, useState } from 'react';
import { isIsoDate } from '../../domain/dates.ts';
import { valueLabel } from '../../domain/labels.ts';
import { isStatusBackwards, RECTIFICATION_MODES } from '../../domain/layers.ts';
import { PHOTO_TYPES, photoProblem } from '../../domain/photos.ts';
import { errorText } from '../api/client.ts';
import type { NewInspection } from '../api/endpoints.ts';
import { newClientId } from '../api/ids.ts';
import { type Conflict, type Outcome, transact } from '../api/transact.ts';
import { useAtlas } from '../state/store.ts';
import { ChoiceGroup } from '../ui/choice-group.tsx';
import { CloseButton } from '../ui/close-button.tsx';
import { Sheet } from '../ui/sheet.tsx';
import { todayIso } from './diff.ts';
import { usePresence } from './presence.tsx';
import { type RecordFormProps, RecordFormSheet } from './record-form-sheet.tsx';
import { notesWithBackReason, StatusChoice } from './status-back.tsx';
import { tr } from './strings.ts';

interface PickedPhoto {
  key: string;
  file: File;
  url: string;
  problem: string | null;
}

interface FailedPhoto {
  photo: PickedPhoto;
  message: string;
}

function megabytes(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}

export function InspectionForm({ lang, plotId, properties, onClose, onSaved }: RecordFormProps) {
  // The plot as it was when the form opened: the version the inspection is based on.
  const [base] = useState(properties);
  const baseVersion = Number(base.version);
  const currentStatus = String(base.status ?? 'identified');
  const [date, setDate] = useState(todayIso);
  const [status, setStatus] = useState(currentStatus);
  const [findings, setFindings] = useState('');
  const [mode, setMode] = useState('');
  const [notes, setNotes] = useState('');
  const [backReason, setBackReason] = useState('');
  const [photos, setPhotos] = useState<PickedPhoto[]>([]);
  const [phase, setPhase] = useState<'editing' | 'saving' | 'uploading' | 'photos-failed'>('editing');
  const [progress, setProgress] = useState({ n: 0, total: 0 });
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [inspectionId, setInspectionId] = useState<string | null>(null);
  const [failed, setFailed] = useState<FailedPhoto[]>([]);
  const clientId = useMemo(newClientId, []);
  const ids = {
    findings: useId(),
    date: useId(),
    notes: useId(),
    photos: useId(),
    error: useId(),
  };
  const backwards = isStatusBackwards(currentStatus, status);
  const bump = useAtlas((state) => state.bumpRecords);
  const presence = usePresence(lang, plotId);

  // Previews are blob: URLs; give their memory back when a photo is removed or the form goes.
  const previews = useRef(new Set<string>());
  useEffect(() => {
    const urls = previews.current;
    return () => {
      for (const url of urls) URL.revokeObjectURL(url);
    };
  }, []);

  const track = (url: string) => {
    previews.current.add(url);
    return url;
  };

  const addPhotos = (files: FileList | null) => {
    if (!files) return;
    const added = [...files].map((file, index) => {
      const problem = photoProblem(file);
      return {
        key: `${file.name}-${file.size}-${file.lastModified}-${Date.now()}-${index}`,
        file,
        url: track(URL.createObjectURL(file)),
        problem:
          problem === 'too-large'
            ? tr(lang, 'photoTooLarge', { name: file.name, size: megabytes(file.size) })
            : problem === 'wrong-type'
              ? tr(lang, 'photoWrongType', { name: file.name })
              : null,
      };
    });
    setPhotos((current) => [...current, ...added]);
  };

  const removePhoto = (photo: PickedPhoto) => {
    URL.revokeObjectURL(photo.url);
    previews.current.delete(photo.url);
    setPhotos((current) => current.filter((item) => item.key !== photo.key));
  };

  const uploadAll = async (id: string, list: PickedPhoto[]) => {
    setPhase('uploading');
    const failures: FailedPhoto[] = [];
    for (const [index, photo] of list.entries()) {
      setProgress({ n: index + 1, total: list.length });
      try {
        await transact({ kind: 'add-photo', id: photo.key, inspectionId: id, file: photo.file });
      } catch (caught) {
        failures.push({ photo, message: errorText(caught, lang) });
      }
    }
    bump();
    if (failures.length > 0) {
      setFailed(failures);
      setPhase('photos-failed');
      return;
    }
    onSaved(tr(lang, 'recorded'));
  };

  const save = async (write: () => Promise<Outcome>) => {
    setPhase('saving');
    setError(null);
    try {
      const outcome = await write();
      if (outcome.status === 'conflict') {
        setConflict(outcome.conflict);
        setPhase('editing');
        return;
      }
      setConflict(null);
      const recorded = outcome.inspection;
      if (!recorded) throw new Error('no inspection in the answer');
      setInspectionId(recorded.id);
      useAtlas.getState().putFeature('plots', recorded.plot as unknown as Feature);
      await uploadAll(recorded.id, photos);
    } catch (caught) {
      setError(errorText(caught, lang));
      setPhase('editing');
    }
  };

  const record = (input: NewInspection) =>
    save(() => transact({ kind: 'record-inspection', id: clientId, base, input }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (phase !== 'editing') return;
    if (!isIsoDate(date)) return setError(tr(lang, 'dateInvalid'));
    if (findings.trim() === '') return setError(tr(lang, 'findingsRequired'));
    if (backwards && backReason.trim() === '') return setError(tr(lang, 'backReasonRequired'));
    const bad = photos.find((photo) => photo.problem);
    if (bad?.problem) return setError(bad.problem);
    const present = presence.take();
    if ('problem' in present) return setError(present.problem);
    // The reason for going back is kept with the inspection, where the history shows it.
    const allNotes = backwards ? notesWithBackReason(lang, backReason, notes) : notes.trim();
    void record({
      plotId,
      date,
      findings: findings.trim(),
      status,
      ...(mode ? { mode } : {}),
      ...(allNotes ? { notes: allNotes } : {}),
      clientId,
      plotVersion: baseVersion,
      ...present.fields,
    });
  };

  const busy = phase === 'saving' || phase === 'uploading';
  const title = tr(lang, 'inspectTitle', { plot: plotId });

  if (phase === 'photos-failed' && inspectionId) {
    return (
      <Sheet title={title} closeLabel={tr(lang, 'close')} onClose={() => onSaved(tr(lang, 'recorded'))}>
        <div className="form-error" role="alert">
          <p>{tr(lang, 'recordedPhotosFailed')}</p>
          <ul>
            {failed.map(({ photo, message }) => (
              <li key={photo.key}>
                {photo.file.name}
                {lang === 'zh' ? '：' : ': '}
                {message}
              </li>
            ))}
          </ul>
        </div>
        <div className="form-actions">
          <button
            type="button"
            className="primary-button"
            onClick={() =>
              void uploadAll(
                inspectionId,
                failed.map((item) => item.photo),
              )
            }
          >
            {tr(lang, 'retryPhotos')}
          </button>
          <button type="button" className="secondary-button" onClick={() => onSaved(tr(lang, 'recorded'))}>
            {tr(lang, 'finishWithout')}
          </button>
        </div>
      </Sheet>
    );
  }

  return (
    <RecordFormSheet
      lang={lang}
      title={title}
      busy={busy}
      saveLabel={phase === 'saving' ? tr(lang, 'saving') : tr(lang, 'save')}
      onSubmit={submit}
      onClose={onClose}
      conflict={conflict}
      conflictError={null}
      takeTheirsNote={tr(lang, 'takeTheirsInspection')}
      onConflictClose={() => setConflict(null)}
      onResolve={(write) => void save(write)}
    >
      <label className="field">
        <span>{tr(lang, 'date')}</span>
        <input
          id={ids.date}
          type="date"
          value={date}
          required
          onChange={(event) => setDate(event.target.value)}
        />
      </label>
      {presence.field}
      <StatusChoice
        lang={lang}
        legend={tr(lang, 'statusAfter')}
        name="status"
        from={currentStatus}
        value={status}
        onChange={setStatus}
        reason={backReason}
        onReason={setBackReason}
      />
      <label className="field">
        <span>
          {tr(lang, 'findings')}
          <span className="required-mark" aria-hidden="true">
            *
          </span>
        </span>
        <textarea
          id={ids.findings}
          value={findings}
          required
          aria-required="true"
          rows={4}
          onChange={(event) => {
            setFindings(event.target.value);
            setError(null);
          }}
        />
      </label>
      <ChoiceGroup
        legend={tr(lang, 'mode')}
        name="mode"
        value={mode}
        onChange={setMode}
        choices={[
          { value: '', label: tr(lang, 'modeUnchanged') },
          ...RECTIFICATION_MODES.map((value) => ({ value, label: valueLabel('mode', value, lang) })),
        ]}
      />
      <label className="field">
        <span>{tr(lang, 'notes')}</span>
        <textarea id={ids.notes} value={notes} rows={2} onChange={(event) => setNotes(event.target.value)} />
      </label>
      <div className="field">
        <span>{tr(lang, 'photos')}</span>
        <label className="photo-picker">
          <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
            <path
              d="M4 7h3l1.6-2.4h6.8L17 7h3a1 1 0 0 1 1 1v10a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V8a1 1 0 0 1 1-1z"
              fill="none"
              stroke="currentColor"
              strokeWidth="2"
              strokeLinejoin="round"
            />
            <circle cx="12" cy="13" r="3.6" fill="none" stroke="currentColor" strokeWidth="2" />
          </svg>
          {tr(lang, 'takePhotos')}
          <input
            id={ids.photos}
            type="file"
            accept={PHOTO_TYPES.join(',')}
            capture="environment"
            multiple
            aria-describedby={`${ids.photos}-hint`}
            onChange={(event) => {
              addPhotos(event.target.files);
              event.target.value = '';
            }}
          />
        </label>
        <span className="hint" id={`${ids.photos}-hint`}>
          {tr(lang, 'photoHint')}
        </span>
        {photos.length > 0 && (
          <ul className="photo-previews">
            {photos.map((photo, index) => (
              <li key={photo.key} className={photo.problem ? 'has-problem' : undefined}>
                <img src={photo.url} alt={tr(lang, 'photoN', { n: index + 1 })} />
                <span className="photo-name">{photo.file.name}</span>
                {photo.problem && <span className="photo-problem">{photo.problem}</span>}
                <CloseButton
                  label={tr(lang, 'removePhoto', { name: photo.file.name })}
                  onClick={() => removePhoto(photo)}
                />
              </li>
            ))}
          </ul>
        )}
      </div>
      {error && (
        <p className="form-error" role="alert" id={ids.error}>
          {error}
        </p>
      )}
      {phase === 'uploading' && (
        <p role="status">{tr(lang, 'uploading', { n: progress.n, total: progress.total })}</p>
      )}
    </RecordFormSheet>
  );
}
