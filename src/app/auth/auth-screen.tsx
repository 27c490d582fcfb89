// What stands before the map until someone is signed in: the setup page for `/setup?token=…`, else the
// login screen (with the first-use note when there are no users yet).
import { lazy, Suspense, useState } from 'react';
import { hrefForLang, t } from '../i18n/i18n.ts';
import { useAtlas } from '../state/store.ts';
import { LoginScreen } from './login-screen.tsx';
import '../ui/ui.css';
import './auth.css';
import { ta } from './strings.ts';

/** The first-use setup page: once per installation, so loaded only when asked for. */
const SetupScreen = lazy(async () => ({ default: (await import('./setup-screen.tsx')).SetupScreen }));

function setupTokenFromAddress(): string | null {
  const url = new URL(window.location.href);
  if (!url.pathname.replace(/\/+$/, '').endsWith('/setup')) return null;
  const token = url.searchParams.get('token');
  return token && token.trim() !== '' ? token.trim() : null;
}

export function AuthScreen() {
  const lang = useAtlas((state) => state.lang);
  const status = useAtlas((state) => state.session.status);
  const setupNeeded = useAtlas((state) => state.session.setupNeeded);
  const [token, setToken] = useState(setupTokenFromAddress);
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const otherLang = lang === 'zh' ? 'en' : 'zh';

  let body: React.ReactNode;
  if (status === 'checking') {
    body = (
      <p className="auth-card" role="status">
        {ta(lang, 'checking')}
      </p>
    );
  } else if (token && setupNeeded) {
    body = (
      <Suspense fallback={null}>
        <SetupScreen
          token={token}
          onDone={(message) => {
            setToken(null);
            setNotice(message);
          }}
        />
      </Suspense>
    );
  } else {
    body = <LoginScreen notice={notice ?? (token && !setupNeeded ? ta(lang, 'setupDone') : undefined)} />;
  }

  return (
    <div className="auth-page">
      <header className="top-bar">
        <h1>
          <span className="emblem" aria-hidden="true" />
          {t(lang, 'title')}
        </h1>
        <a
          className="lang-link"
          href={hrefForLang(window.location.href, otherLang)}
          hrefLang={otherLang === 'zh' ? 'zh-CN' : 'en'}
          lang={otherLang === 'zh' ? 'zh-CN' : 'en'}
        >
          {t(lang, 'otherLanguage')}
        </a>
      </header>
      <main className="auth-main">{body}</main>
    </div>
  );
}
