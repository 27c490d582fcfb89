// Who is signed in and with which role, 修改密码 / Change password, for administrators 用户管理 / Accounts
// and 导入数据 / Import data, and 退出登录 / Log out: a disclosure in the top bar (a tap opens it; nothing
// depends on hover).
import { useEffect, useId, useRef, useState } from 'react';
import { ta } from '../auth/strings.ts';
import { bracketed, labelled } from '../i18n/format.ts';
import { ROLE_LABELS } from '../i18n/i18n.ts';
import { SettingsButton } from '../settings/settings-button.tsx';
import type { Screen } from '../state/screens-slice.ts';
import { signOut } from '../state/session.ts';
import { useAtlas } from '../state/store.ts';

export function UserMenu() {
  const lang = useAtlas((state) => state.lang);
  const me = useAtlas((state) => state.session.me);
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const openScreen = useAtlas((state) => state.openScreen);
  const choose = (screen: Screen) => {
    setOpen(false);
    openScreen(screen);
  };

  useEffect(() => {
    if (!open) return;
    const away = (event: PointerEvent) => {
      if (root.current && !root.current.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', away);
    return () => document.removeEventListener('pointerdown', away);
  }, [open]);

  if (!me) return null;
  const role = ROLE_LABELS[me.user.role][lang];
  return (
    <div className="user-menu" ref={root}>
      <button
        type="button"
        className="user-button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={labelled(lang, ta(lang, 'userMenu'), `${me.user.username}${bracketed(lang, role)}`)}
        onClick={() => setOpen(!open)}
        onKeyDown={(event) => {
          if (event.key === 'Escape' && open) {
            event.stopPropagation();
            setOpen(false);
          }
        }}
      >
        <svg className="user-icon" viewBox="0 0 20 20" width="18" height="18" aria-hidden="true">
          <circle cx="10" cy="6.5" r="3.6" fill="currentColor" />
          <path d="M2.5 18c0-4.2 3.4-6.6 7.5-6.6s7.5 2.4 7.5 6.6z" fill="currentColor" />
        </svg>
        <span className="user-name">{me.user.username}</span>
      </button>
      <div className="user-panel" id={panelId} hidden={!open}>
        <p>
          <span className="note">{ta(lang, 'signedInAs')}</span> <strong>{me.user.username}</strong>
        </p>
        <p>
          <span className="note">{ta(lang, 'role')}</span> <strong data-testid="user-role">{role}</strong>
        </p>
        <div className="user-actions">
          <button type="button" className="text-button" onClick={() => choose('password')}>
            {ta(lang, 'changePassword')}
          </button>
          <button type="button" className="text-button" onClick={() => choose('export')}>
            {ta(lang, 'exportData')}
          </button>
          {me.can.manageUsers && (
            <button type="button" className="text-button" onClick={() => choose('accounts')}>
              {ta(lang, 'accounts')}
            </button>
          )}
          <SettingsButton onOpen={() => setOpen(false)} />
          {me.can.import && (
            <button type="button" className="text-button" onClick={() => choose('import')}>
              {ta(lang, 'importData')}
            </button>
          )}
        </div>
        <button type="button" className="text-button log-out" onClick={() => void signOut()}>
          {ta(lang, 'logOut')}
        </button>
      </div>
    </div>
  );
}
