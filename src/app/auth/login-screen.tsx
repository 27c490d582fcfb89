// The login screen: 用户名 / 密码, the server's refusal in the UI language, a 429 with the time when
// another try is possible (the button waits until then), and the first-use note when no user exists.
import { type FormEvent, useEffect, useId, useState } from 'react';
import { ApiError, errorText } from '../api/client.ts';
import { login } from '../api/endpoints.ts';
import { t } from '../i18n/i18n.ts';
import { signedIn } from '../state/session.ts';
import { useAtlas } from '../state/store.ts';
import { PasswordField, UsernameField } from './auth-fields.tsx';
import { ta } from './strings.ts';

function clockTime(at: number): string {
  const date = new Date(at);
  return [date.getHours(), date.getMinutes(), date.getSeconds()]
    .map((part) => String(part).padStart(2, '0'))
    .join(':');
}

export function LoginScreen({ notice }: { notice?: string | undefined }) {
  const lang = useAtlas((state) => state.lang);
  const setupNeeded = useAtlas((state) => state.session.setupNeeded);
  const sessionNotice = useAtlas((state) => state.session.notice);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [retryAt, setRetryAt] = useState<number | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const errorId = useId();

  useEffect(() => {
    if (retryAt === null) return;
    const timer = window.setInterval(() => {
      setNow(Date.now());
      if (Date.now() >= retryAt) setRetryAt(null);
    }, 1000);
    return () => window.clearInterval(timer);
  }, [retryAt]);

  const waiting = retryAt !== null && now < retryAt;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || waiting) return;
    if (username.trim() === '' || password === '') {
      setError(ta(lang, 'required'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const me = await login(username.trim(), password);
      signedIn(me);
    } catch (caught) {
      setError(errorText(caught, lang));
      if (caught instanceof ApiError && caught.status === 429) {
        const seconds = caught.retryAfterSeconds ?? 60;
        setRetryAt(Date.now() + seconds * 1000);
        setNow(Date.now());
      }
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="auth-card" onSubmit={submit} noValidate aria-labelledby="login-heading">
      <h2 id="login-heading">{ta(lang, 'loginTitle')}</h2>
      {notice && (
        <p className="auth-notice" role="status">
          {notice}
        </p>
      )}
      {sessionNotice === 'session-ended' && (
        <p className="auth-notice" role="status">
          {ta(lang, 'sessionEnded')}
        </p>
      )}
      {setupNeeded && (
        <div className="auth-notice auth-setup-needed" role="status">
          <strong>{ta(lang, 'setupNeeded')}</strong>
          <p>{ta(lang, 'setupNeededDetail')}</p>
        </div>
      )}
      <UsernameField
        first
        lang={lang}
        value={username}
        onChange={setUsername}
        describedBy={error ? errorId : undefined}
      />
      <PasswordField
        lang={lang}
        label="password"
        name="password"
        value={password}
        onChange={setPassword}
        describedBy={error ? errorId : undefined}
      />
      {error && (
        <div className="form-error" role="alert" id={errorId}>
          <p>{error}</p>
          {waiting && retryAt !== null && <p>{ta(lang, 'retryAt', { time: clockTime(retryAt) })}</p>}
        </div>
      )}
      <button type="submit" className="primary-button" disabled={busy || waiting}>
        {busy ? ta(lang, 'loggingIn') : ta(lang, 'logIn')}
      </button>
      <p className="note">{t(lang, 'subtitle')}</p>
    </form>
  );
}
