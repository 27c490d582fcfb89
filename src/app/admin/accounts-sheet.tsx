// 用户管理 / Accounts, for administrators: every account with its role, state and creation date; add
// one (name, role, initial password), change a role, disable or enable, reset a password — through
// the users API (src/server/routes/users.ts), which checks the role again and refuses to demote or
// disable the last active administrator (409 last-admin: its message is shown as it is).
import './admin.css';
import { type FormEvent, useCallback, useEffect, useId, useState } from 'react';
import type { Lang } from '../../domain/i18n.ts';
import { ROLES, type Role } from '../../domain/wire.ts';
import { errorText } from '../api/client.ts';
import { changeUser, createUser, listUsers } from '../api/endpoints.ts';
import { ROLE_LABELS } from '../i18n/i18n.ts';
import { useAtlas } from '../state/store.ts';
import { Sheet } from '../ui/sheet.tsx';
import { type AdminStringKey, tu } from './strings.ts';

type Account = Awaited<ReturnType<typeof listUsers>>['users'][number];

const USERNAME = /^[\p{L}\p{N}][\p{L}\p{N}._-]{1,31}$/u;
const MIN_PASSWORD = 8;

/** `2026-12-01 10:30` in the browser's time zone. */
function formatCreated(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

interface Outcome {
  kind: 'done' | 'refused';
  text: string;
}

function RoleSelect({
  lang,
  id,
  label,
  value,
  onChange,
  disabled,
}: {
  lang: Lang;
  id?: string;
  label?: string;
  value: Role;
  onChange: (role: Role) => void;
  disabled?: boolean;
}) {
  return (
    <select
      id={id}
      aria-label={label}
      value={value}
      disabled={disabled}
      onChange={(event) => onChange(event.target.value as Role)}
    >
      {ROLES.map((role) => (
        <option key={role} value={role}>
          {ROLE_LABELS[role][lang]}
        </option>
      ))}
    </select>
  );
}

function AddUserForm({ lang, onDone }: { lang: Lang; onDone: (outcome: Outcome, added: boolean) => void }) {
  const [username, setUsername] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const roleId = useId();
  const errorId = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const name = username.trim();
    if (!name) return setError(tu(lang, 'usernameMissing'));
    if (!USERNAME.test(name.normalize('NFC'))) return setError(tu(lang, 'usernameRule'));
    if (password.length < MIN_PASSWORD) return setError(tu(lang, 'passwordTooShort'));
    setBusy(true);
    setError(null);
    try {
      const created = await createUser(name, role, password);
      setUsername('');
      setPassword('');
      setRole('viewer');
      onDone(
        {
          kind: 'done',
          text: tu(lang, 'added', { name: created.username, role: ROLE_LABELS[created.role][lang] }),
        },
        true,
      );
    } catch (caught) {
      setError(errorText(caught, lang));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="add-user" onSubmit={(event) => void submit(event)} noValidate>
      <h3>{tu(lang, 'addUser')}</h3>
      <div className="add-user-fields">
        <label className="field">
          <span>{tu(lang, 'username')}</span>
          <input
            name="new-username"
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            value={username}
            onChange={(event) => setUsername(event.target.value)}
            aria-describedby={error ? errorId : undefined}
          />
        </label>
        <div className="field">
          <label htmlFor={roleId}>{tu(lang, 'role')}</label>
          <RoleSelect lang={lang} id={roleId} value={role} onChange={setRole} />
        </div>
        <label className="field">
          <span>{tu(lang, 'initialPassword')}</span>
          <input
            name="initial-password"
            type="password"
            autoComplete="new-password"
            minLength={MIN_PASSWORD}
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </label>
      </div>
      <p className="note">{tu(lang, 'passwordRule')}</p>
      {error && (
        <p className="form-error" id={errorId} role="alert">
          {error}
        </p>
      )}
      <div className="actions-row">
        <button type="submit" className="primary-button" disabled={busy}>
          {busy ? tu(lang, 'working') : tu(lang, 'addUser')}
        </button>
      </div>
    </form>
  );
}

function ResetPassword({
  lang,
  account,
  onDone,
  onCancel,
}: {
  lang: Lang;
  account: Account;
  onDone: (outcome: Outcome) => void;
  onCancel: () => void;
}) {
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (password.length < MIN_PASSWORD) return setError(tu(lang, 'passwordTooShort'));
    setBusy(true);
    try {
      await changeUser(account.username, { password });
      onDone({ kind: 'done', text: tu(lang, 'passwordReset', { name: account.username }) });
    } catch (caught) {
      setError(errorText(caught, lang));
      setBusy(false);
    }
  };
  return (
    <form className="reset-password" onSubmit={(event) => void submit(event)} noValidate>
      <label className="field">
        <span>{tu(lang, 'newPasswordOf', { name: account.username })}</span>
        <input
          type="password"
          autoComplete="new-password"
          minLength={MIN_PASSWORD}
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
      </label>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="actions-row">
        <button type="button" className="secondary-button" onClick={onCancel}>
          {tu(lang, 'cancel')}
        </button>
        <button type="submit" className="primary-button" disabled={busy}>
          {tu(lang, 'savePassword')}
        </button>
      </div>
    </form>
  );
}

export function AccountsSheet({ onClose }: { onClose: () => void }) {
  const lang = useAtlas((state) => state.lang);
  const me = useAtlas((state) => state.session.me?.user.username);
  const [accounts, setAccounts] = useState<Account[] | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [busyUser, setBusyUser] = useState<string | null>(null);
  const [resetting, setResetting] = useState<string | null>(null);

  const reload = useCallback(async () => {
    try {
      const { users } = await listUsers();
      setAccounts(users);
    } catch (caught) {
      setOutcome({ kind: 'refused', text: errorText(caught, lang) });
    }
  }, [lang]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const change = async (
    account: Account,
    patch: { role?: Role; disabled?: boolean },
    done: AdminStringKey,
  ) => {
    setBusyUser(account.username);
    try {
      const changed = await changeUser(account.username, patch);
      setAccounts((list) => list?.map((one) => (one.username === changed.username ? changed : one)) ?? null);
      setOutcome({
        kind: 'done',
        text: tu(lang, done, { name: changed.username, role: ROLE_LABELS[changed.role][lang] }),
      });
    } catch (caught) {
      setOutcome({ kind: 'refused', text: tu(lang, 'refused', { reason: errorText(caught, lang) }) });
    } finally {
      setBusyUser(null);
    }
  };

  return (
    <Sheet
      title={tu(lang, 'accounts')}
      closeLabel={tu(lang, 'close')}
      onClose={onClose}
      className="accounts-sheet"
    >
      {outcome && (
        <p
          className={outcome.kind === 'done' ? 'accounts-outcome' : 'form-error'}
          role={outcome.kind === 'done' ? 'status' : 'alert'}
        >
          {outcome.text}
        </p>
      )}
      {accounts === null ? (
        <p role="status">{tu(lang, 'loading')}</p>
      ) : (
        <table className="data-table accounts-table">
          <caption className="visually-hidden">{tu(lang, 'users')}</caption>
          <thead>
            <tr>
              <th scope="col">{tu(lang, 'username')}</th>
              <th scope="col">{tu(lang, 'role')}</th>
              <th scope="col">{tu(lang, 'state')}</th>
              <th scope="col">{tu(lang, 'created')}</th>
              <th scope="col">{tu(lang, 'actions')}</th>
            </tr>
          </thead>
          <tbody>
            {accounts.map((account) => (
              <tr key={account.username} className={account.disabled ? 'account-disabled' : undefined}>
                <th scope="row">
                  {account.username}
                  {account.username === me && <span className="note">{tu(lang, 'you')}</span>}
                </th>
                <td>
                  <RoleSelect
                    lang={lang}
                    label={tu(lang, 'roleOf', { name: account.username })}
                    value={account.role}
                    disabled={busyUser === account.username}
                    onChange={(role) => void change(account, { role }, 'roleChanged')}
                  />
                </td>
                <td>{account.disabled ? tu(lang, 'disabled') : tu(lang, 'active')}</td>
                <td>{formatCreated(account.createdAt)}</td>
                <td>
                  {resetting === account.username ? (
                    <ResetPassword
                      lang={lang}
                      account={account}
                      onCancel={() => setResetting(null)}
                      onDone={(done) => {
                        setResetting(null);
                        setOutcome(done);
                      }}
                    />
                  ) : (
                    <div className="account-actions">
                      <button
                        type="button"
                        className="secondary-button"
                        aria-label={tu(lang, account.disabled ? 'enableUser' : 'disableUser', {
                          name: account.username,
                        })}
                        disabled={busyUser === account.username}
                        onClick={() =>
                          void change(
                            account,
                            { disabled: !account.disabled },
                            account.disabled ? 'wasEnabled' : 'wasDisabled',
                          )
                        }
                      >
                        {tu(lang, account.disabled ? 'enable' : 'disable')}
                      </button>
                      <button
                        type="button"
                        className="secondary-button"
                        aria-label={tu(lang, 'resetPasswordOf', { name: account.username })}
                        onClick={() => setResetting(account.username)}
                      >
                        {tu(lang, 'resetPassword')}
                      </button>
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="note">{tu(lang, 'lastAdminNote')}</p>
      <AddUserForm
        lang={lang}
        onDone={(done) => {
          setOutcome(done);
          void reload();
        }}
      />
    </Sheet>
  );
}
