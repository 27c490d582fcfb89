import { type FormEvent, useEffect, useId, useMemo, useRef, useState } from 'react';
import { isIsoDate } from '../../domain/dates.ts';
import { restoredFields } from '../../domain/drafts.ts';
import { valueLabel } from '../../domain/labels.ts';
import { isStatusBackwards, RECTIFICATION_MODES } from '../../domain/layers.ts';
import { PHOTO_TYPES, photoProblem } from '../../domain/photos.ts';
import { errorText } from '../api/client.ts';
import type { NewInspection } from '../api/endpoints.ts';
import { newClientId } from '../api/ids.ts';
import type { Conflict, Intent } from '../api/transact.ts';
import { releaseFromForm, resultOf, type Submitted, submit } from '../outbox/outbox.ts';
import { type PreparedPhoto, preparePhoto } from '../outbox/photo.ts';
import { photoFile } from '../state/drafts-db.ts';
import { useAtlas } from '../state/store.ts';
import { ChoiceGroup } from '../ui/choice-group.tsx';
import { CloseButton } from '../ui/close-button.tsx';
import { Sheet } from '../ui/sheet.tsx';
import { todayIso } from './diff.ts';
import { useDraft, usePlotDraftAddress } from './draft.ts';
import { usePresence } from './presence.tsx';
import { type RecordFormProps, RecordFormSheet } from './record-form-sheet.tsx';
import { notesWithBackReason, StatusChoice } from './status-back.tsx';
import { tr } from './strings.ts';

interface PickedPhoto {
  /** Also the photo's intent id (its Idempotency-Key). */
  key: string;
  file: File;
  url: string;
  problem: string | null;
  /** The photo as it will be queued (resized on the tablet), once ready. */
  prepared: Promise<PreparedPhoto>;
}

interface FailedPhoto {
  photo: PickedPhoto;
  message: string;
}

function megabytes(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}

/** What is wrong with a picked file's type, at once (HEIC named, with how to get a JPEG). */
function typeProblem(lang: RecordFormProps['lang'], file: File): string | null {
  const problem = photoProblem(file);
  if (problem === 'heic') return tr(lang, 'photoHeic', { name: file.name });
  if (problem === 'wrong-type') return tr(lang, 'photoWrongType', { name: file.name });
  return null;
}

/**
 * A picked (or restored) file as the form shows it: its preview, any problem with its type, and the
 * photo as it will be queued, resized on the tablet (its key is also its intent id, its Idempotency-Key).
 */
function pickedPhoto(lang: RecordFormProps['lang'], file: File, url: string): PickedPhoto {
  const problem = typeProblem(lang, file);
  const prepared = problem ? Promise.resolve({ blob: file, name: file.name }) : preparePhoto(file);
  return { key: newClientId(), file, url, problem, prepared };
}

export function InspectionForm({ lang, plotId, properties, onClose, onSaved, draft }: RecordFormProps) {
  // The plot as it was when the form opened: the version the inspection is based on.
  const [base] = useState(properties);
  const baseVersion = Number(base.version);
  const currentStatus = String(base.status ?? 'identified');
  // What the form opens with, and what it opens with when it continues a draft.
  const [opening] = useState(() => ({
    date: todayIso(),
    status: currentStatus,
    findings: '',
    mode: '',
    notes: '',
    backReason: '',
  }));
  const [start] = useState(() => restoredFields(opening, draft?.fields));
  const [date, setDate] = useState(start.date);
  const [status, setStatus] = useState(start.status);
  const [findings, setFindings] = useState(start.findings);
  const [mode, setMode] = useState(start.mode);
  const [notes, setNotes] = useState(start.notes);
  const [backReason, setBackReason] = useState(start.backReason);
  const [photos, setPhotos] = useState<PickedPhoto[]>(() =>
    (draft?.photos ?? []).map((kept) => {
      const file = photoFile(kept);
      return pickedPhoto(lang, file, URL.createObjectURL(file));
    }),
  );
  const [phase, setPhase] = useState<'editing' | 'saving' | 'uploading' | 'photos-failed'>('editing');
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [failed, setFailed] = useState<FailedPhoto[]>([]);
  // The inspection's client id, also the id of its intent in the outbox: saving again (after a
  // refusal or a conflict) replaces that item, never adds a second.
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

  const typed = useMemo(
    () => ({ date, status, findings, mode, notes, backReason }),
    [date, status, findings, mode, notes, backReason],
  );
  const files = useMemo(() => photos.map((photo) => photo.file), [photos]);
  const draftControl = useDraft(usePlotDraftAddress(plotId, 'inspection'), opening, typed, files, {
    alwaysKept: ['date'],
    restored: Boolean(draft),
  });

  // Previews are blob: URLs; give their memory back when a photo is removed or the form goes.
  const previews = useRef(new Set<string>(photos.map((photo) => photo.url)));
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

  /** Resized on the tablet, the size limit applies to what will be sent: marked once it is known. */
  const watchSize = (photo: PickedPhoto) => {
    void photo.prepared.then(({ blob }) => {
      if (photoProblem({ size: blob.size, type: '' }) !== 'too-large') return;
      const tooLarge = tr(lang, 'photoTooLarge', { name: photo.file.name, size: megabytes(blob.size) });
      setPhotos((current) =>
        current.map((item) => (item.key === photo.key ? { ...item, problem: tooLarge } : item)),
      );
    });
    return photo;
  };
  // Photos restored from a draft are resized again (the draft keeps them as picked).
  const restoredPhotos = useRef(photos);
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, for the photos the form opened with
  useEffect(() => {
    for (const photo of restoredPhotos.current) watchSize(photo);
  }, []);

  const addPhotos = (files: FileList | null) => {
    if (!files) return;
    const added = [...files].map((file) =>
      watchSize(pickedPhoto(lang, file, track(URL.createObjectURL(file)))),
    );
    setPhotos((current) => [...current, ...added]);
  };

  const removePhoto = (photo: PickedPhoto) => {
    URL.revokeObjectURL(photo.url);
    previews.current.delete(photo.url);
    setPhotos((current) => current.filter((item) => item.key !== photo.key));
  };

  const photoIntents = async (list: PickedPhoto[]) =>
    Promise.all(
      list.map(async (photo) => {
        const { blob, name } = await photo.prepared;
        const intent: Intent = { kind: 'add-photo', id: photo.key, inspectionId: clientId, file: blob, name };
        return {
          intent,
          what: { zh: `${plotId} 巡查照片 ${name}`, en: `Inspection photo ${name} of ${plotId}` },
        };
      }),
    );

  /** After the inspection was saved or queued: how its photos fared (sent, queued or refused). */
  const finish = (queued: boolean, list: PickedPhoto[]) => {
    bump();
    const failures: FailedPhoto[] = [];
    let waiting = queued;
    for (const photo of list) {
      const result = resultOf(photo.key);
      if (result.status === 'refused') failures.push({ photo, message: errorText(result.error, lang) });
      if (result.status === 'queued') waiting = true;
    }
    if (failures.length > 0) {
      setFailed(failures);
      setPhase('photos-failed');
      return;
    }
    onSaved(waiting ? tr(lang, 'savedToSync') : tr(lang, 'recorded'));
  };

  const retryPhotos = async (list: PickedPhoto[]) => {
    setPhase('uploading');
    for (const { intent, what } of await photoIntents(list)) {
      try {
        await submit(intent, what, clientId);
      } catch {
        // Refused again: resultOf says so below.
      }
    }
    finish(false, list);
  };

  const save = async (write: () => Promise<Submitted>) => {
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
      // Saved or queued: the draft has done its work (the outbox keeps the record and its photos now).
      // A saved one is on the map already: the outbox puts what the server acknowledged there.
      draftControl.settle();
      finish(outcome.status === 'queued', photos);
    } catch (caught) {
      setError(errorText(caught, lang));
      setPhase('editing');
    }
  };

  const record = async (input: NewInspection) => {
    const intent: Intent = { kind: 'record-inspection', id: clientId, base, input };
    const what = { zh: `巡查 ${plotId}`, en: `Inspection of ${plotId}` };
    await save(async () => submit(intent, what, undefined, await photoIntents(photos)));
  };

  const close = () => {
    // Cancelling after a refusal or a conflict gives the write up; a queued one stays queued.
    void releaseFromForm(clientId);
    onClose();
  };

  const submitForm = (event: FormEvent) => {
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

  if (phase === 'photos-failed') {
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
            onClick={() => void retryPhotos(failed.map((item) => item.photo))}
          >
            {tr(lang, 'retryPhotos')}
          </button>
          <button
            type="button"
            className="secondary-button"
            onClick={() => {
              for (const { photo } of failed) void releaseFromForm(photo.key);
              onSaved(tr(lang, 'recorded'));
            }}
          >
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
      onSubmit={submitForm}
      onClose={close}
      conflict={conflict}
      conflictError={null}
      takeTheirsNote={tr(lang, 'takeTheirsInspection')}
      onConflictClose={() => setConflict(null)}
      onResolve={(write) => void save(write)}
      confirmCancel={draftControl.worthKeeping}
      onDiscard={() => {
        draftControl.settle();
        onClose();
      }}
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
      {phase === 'uploading' && <p role="status">{tr(lang, 'uploadingPhotos')}</p>}
    </RecordFormSheet>
  );
}
