// The setup page (`/setup?token=…`, the one-time link the server prints when it has no users): creates
// the first administrator, who is then logged in and sees the map.
import { type FormEvent, useId, useState } from 'react';
import { ApiError, errorText } from '../api/client.ts';
import { completeSetup } from '../api/endpoints.ts';
import { signedIn } from '../state/session.ts';
import { useAtlas } from '../state/store.ts';
import { PasswordField, UsernameField } from './auth-fields.tsx';
import { ta } from './strings.ts';

const USERNAME = /^[\p{L}\p{N}][\p{L}\p{N}._-]*$/u;
const PASSWORD_MIN = 8;

/** Leaves /setup?token=… for the app's own address (keeping ?lang=en), so a reload shows the map. */
function leaveSetupAddress(): void {
  const url = new URL(window.location.href);
  const lang = url.searchParams.get('lang');
  url.pathname = import.meta.env.BASE_URL;
  url.search = lang ? `?lang=${encodeURIComponent(lang)}` : '';
  window.history.replaceState(null, '', url.toString());
}

export function SetupScreen({ token, onDone }: { token: string; onDone: (notice: string) => void }) {
  const lang = useAtlas((state) => state.lang);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const errorId = useId();

  const check = (): string | null => {
    const name = username.trim().normalize('NFC');
    if (name.length < 2 || name.length > 32 || !USERNAME.test(name)) return ta(lang, 'usernameRule');
    if (password.length < PASSWORD_MIN) return ta(lang, 'passwordTooShort');
    if (password !== again) return ta(lang, 'passwordsDiffer');
    return null;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const problem = check();
    if (problem) {
      setError(problem);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const me = await completeSetup(token, username.trim().normalize('NFC'), password);
      leaveSetupAddress();
      signedIn(me);
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === 'setup-done') {
        leaveSetupAddress();
        onDone(caught.text(lang));
        return;
      }
      setError(errorText(caught, lang));
    } finally {
      setBusy(false);
    }
  };

  const describedBy = error ? errorId : undefined;
  return (
    <form className="auth-card" onSubmit={submit} noValidate aria-labelledby="setup-heading">
      <h2 id="setup-heading">{ta(lang, 'setupTitle')}</h2>
      <p className="note">{ta(lang, 'setupIntro')}</p>
      <UsernameField first lang={lang} value={username} onChange={setUsername} describedBy={describedBy} />
      <PasswordField
        lang={lang}
        label="password"
        name="new-password"
        newMinLength={PASSWORD_MIN}
        value={password}
        onChange={setPassword}
        describedBy={describedBy}
      />
      <PasswordField
        lang={lang}
        label="passwordAgain"
        name="new-password-again"
        newMinLength={PASSWORD_MIN}
        value={again}
        onChange={setAgain}
        describedBy={describedBy}
      />
      {error && (
        <p className="form-error" role="alert" id={errorId}>
          {error}
        </p>
      )}
      <button type="submit" className="primary-button" disabled={busy}>
        {busy ? ta(lang, 'creating') : ta(lang, 'createAdmin')}
      </button>
    </form>
  );
}
