// 修改密码 / Change password: each person's own, from the user menu. The current password is asked for
// (POST /api/me/password checks it, counted like a login); the new one twice. A refusal is said in the
// person's language and nothing changes; after a change this browser keeps its (new) session.
import { type FormEvent, useId, useState } from 'react';
import type { Lang } from '../../domain/i18n.ts';
import { ApiError, errorText } from '../api/client.ts';
import { changeOwnPassword } from '../api/endpoints.ts';
import { Sheet } from '../ui/sheet.tsx';
import { ta } from './strings.ts';

const MIN_LENGTH = 8;

function PasswordInput({
  label,
  name,
  autoComplete,
  value,
  onChange,
  describedBy,
}: {
  label: string;
  name: string;
  autoComplete: 'current-password' | 'new-password';
  value: string;
  onChange: (value: string) => void;
  describedBy?: string | undefined;
}) {
  return (
    <label className="field">
      <span>{label}</span>
      <input
        name={name}
        type="password"
        autoComplete={autoComplete}
        minLength={autoComplete === 'new-password' ? MIN_LENGTH : undefined}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-describedby={describedBy}
        required
      />
    </label>
  );
}

export function ChangePasswordSheet({ lang, onClose }: { lang: Lang; onClose: () => void }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const hintId = useId();
  const errorId = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (next.length < MIN_LENGTH) return setError(ta(lang, 'passwordTooShort'));
    if (next !== again) return setError(ta(lang, 'passwordsDiffer'));
    setBusy(true);
    setError(null);
    try {
      await changeOwnPassword(current, next);
      setDone(true);
    } catch (caught) {
      setError(
        caught instanceof ApiError && caught.code === 'invalid-credentials'
          ? ta(lang, 'currentPasswordWrong')
          : errorText(caught, lang),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <Sheet title={ta(lang, 'changePassword')} closeLabel={ta(lang, 'close')} onClose={onClose}>
      {done ? (
        <>
          <p role="status">{ta(lang, 'passwordChanged')}</p>
          <div className="actions-row">
            <button type="button" className="primary-button" onClick={onClose}>
              {ta(lang, 'close')}
            </button>
          </div>
        </>
      ) : (
        <form className="password-form" onSubmit={(event) => void submit(event)} noValidate>
          <PasswordInput
            label={ta(lang, 'currentPassword')}
            name="current-password"
            autoComplete="current-password"
            value={current}
            onChange={setCurrent}
            describedBy={error ? errorId : undefined}
          />
          <PasswordInput
            label={ta(lang, 'newPassword')}
            name="new-password"
            autoComplete="new-password"
            value={next}
            onChange={setNext}
            describedBy={hintId}
          />
          <PasswordInput
            label={ta(lang, 'newPasswordAgain')}
            name="new-password-again"
            autoComplete="new-password"
            value={again}
            onChange={setAgain}
          />
          <p className="note" id={hintId}>
            {ta(lang, 'newPasswordHint')}
          </p>
          {error && (
            <p className="form-error" id={errorId} role="alert">
              {error}
            </p>
          )}
          <div className="actions-row">
            <button type="button" className="secondary-button" onClick={onClose}>
              {ta(lang, 'cancel')}
            </button>
            <button type="submit" className="primary-button" disabled={busy}>
              {busy ? ta(lang, 'saving') : ta(lang, 'save')}
            </button>
          </div>
        </form>
      )}
    </Sheet>
  );
}
