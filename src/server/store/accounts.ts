// Users, sessions and setup tokens in SQLite. Only hashes are stored: scrypt for passwords
// (auth/password.ts), SHA-256 for session and setup tokens (auth/session.ts).
import type Database from 'better-sqlite3';
import type { Role } from '../../domain/wire.ts';
import { canonicalUsername } from '../auth/username.ts';
import type { WriteGate } from './group-commit.ts';
import { type HistoryTable, userEntry } from './history.ts';
import type { User, UserChange, UserWithHash } from './types.ts';

/** A row of the users table: `disabled` is 0 or 1 in SQLite, a boolean in PostgreSQL. */
export interface UserRow {
  username: string;
  role: string;
  password_hash: string;
  disabled: number | boolean;
  created_at: string;
  updated_at: string;
}

export function toUser(row: UserRow): UserWithHash {
  return {
    username: row.username,
    role: row.role as Role,
    disabled: row.disabled === 1 || row.disabled === true,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    passwordHash: row.password_hash,
  };
}

export function publicUser(user: UserWithHash): User {
  const { passwordHash: _secret, ...rest } = user;
  return rest;
}

/** A change that would leave no active administrator: refused inside the transaction that writes it. */
export class LastAdminError extends Error {
  constructor(readonly username: string) {
    super(`${username} is the only active administrator`);
  }
}

export class AccountsTable {
  private readonly accountsDb: Database.Database;
  private readonly accountsHistory: HistoryTable;
  /** Every write here waits while another connection writes (an import's worker, group-commit.ts). */
  protected readonly writeGate: WriteGate;
  private readonly sql;

  constructor(db: Database.Database, history: HistoryTable, gate: WriteGate) {
    this.accountsDb = db;
    this.accountsHistory = history;
    this.writeGate = gate;
    this.sql = {
      user: db.prepare<[string], UserRow>('SELECT * FROM users WHERE name_key = ?'),
      users: db.prepare<[], UserRow>('SELECT * FROM users ORDER BY username'),
      count: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM users'),
      admins: db.prepare<[], { n: number }>(
        "SELECT count(*) AS n FROM users WHERE role = 'admin' AND disabled = 0",
      ),
      insertUser: db.prepare(
        `INSERT INTO users (username, name_key, role, password_hash, disabled, created_at, updated_at)
         VALUES (?, ?, ?, ?, 0, ?, ?) ON CONFLICT DO NOTHING`,
      ),
      updateUser: db.prepare(
        `UPDATE users SET role = @role, password_hash = @passwordHash, disabled = @disabled, updated_at = @updatedAt
         WHERE username = @username`,
      ),
      insertSession: db.prepare(
        'INSERT INTO sessions (token_hash, username, created_at, expires_at) VALUES (?, ?, ?, ?)',
      ),
      expire: db.prepare('DELETE FROM sessions WHERE expires_at <= ?'),
      sessionUser: db.prepare<[string, number], UserRow>(
        `SELECT u.* FROM sessions s JOIN users u ON u.username = s.username
         WHERE s.token_hash = ? AND s.expires_at > ? AND u.disabled = 0`,
      ),
      deleteSession: db.prepare('DELETE FROM sessions WHERE token_hash = ?'),
      deleteUserSessions: db.prepare('DELETE FROM sessions WHERE username = ? AND token_hash != ?'),
      insertSetup: db.prepare('INSERT INTO setup_tokens (token_hash, created_at) VALUES (?, ?)'),
      dropUnusedSetup: db.prepare('DELETE FROM setup_tokens WHERE used_at IS NULL'),
      useSetup: db.prepare('UPDATE setup_tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL'),
    };
  }

  async countUsers(): Promise<number> {
    return this.sql.count.get()?.n ?? 0;
  }

  async countActiveAdmins(): Promise<number> {
    return this.sql.admins.get()?.n ?? 0;
  }

  /** By canonical name: `ÄDMIN`, `ädmin` and `Ädmin` are one account. */
  async getUser(username: string): Promise<UserWithHash | null> {
    const row = this.sql.user.get(canonicalUsername(username));
    return row ? toUser(row) : null;
  }

  async listUsers(): Promise<User[]> {
    return this.sql.users.all().map((row) => publicUser(toUser(row)));
  }

  private insertUser(username: string, role: Role, passwordHash: string, actor: string): User | null {
    const now = new Date().toISOString();
    const key = canonicalUsername(username);
    // Refused (null) when the name or its canonical form is taken.
    if (this.sql.insertUser.run(username, key, role, passwordHash, now, now).changes !== 1) return null;
    this.accountsHistory.append(userEntry(actor, username, 'create', null, { role, disabled: false }));
    const row = this.sql.user.get(key);
    return row ? publicUser(toUser(row)) : null;
  }

  async createUser(username: string, role: Role, passwordHash: string, actor: string): Promise<User | null> {
    await this.writeGate.open();
    return this.accountsDb
      .transaction(() => this.insertUser(username, role, passwordHash, actor))
      .immediate();
  }

  async updateUser(username: string, change: UserChange, actor: string): Promise<User | null> {
    await this.writeGate.open();
    return this.accountsDb
      .transaction(() => {
        const row = this.sql.user.get(canonicalUsername(username));
        if (!row) return null;
        const before = toUser(row);
        const after = {
          username: before.username,
          role: change.role ?? before.role,
          passwordHash: change.passwordHash ?? before.passwordHash,
          disabled: (change.disabled ?? before.disabled) ? 1 : 0,
          updatedAt: new Date().toISOString(),
        };
        // Checked here, in the write transaction, so two concurrent changes cannot each see the
        // other admin still active and together leave none.
        const losesAdmin =
          before.role === 'admin' && !before.disabled && (after.role !== 'admin' || after.disabled);
        if (losesAdmin && (this.sql.admins.get()?.n ?? 0) <= 1) throw new LastAdminError(before.username);
        this.sql.updateUser.run(after);
        // Disabling an account or changing its password ends its sessions.
        if (change.disabled === true || change.passwordHash)
          this.sql.deleteUserSessions.run(before.username, '');
        this.accountsHistory.append(
          userEntry(
            actor,
            before.username,
            'update',
            { role: before.role, disabled: before.disabled },
            {
              role: after.role,
              disabled: after.disabled === 1,
              passwordChanged: Boolean(change.passwordHash),
            },
          ),
        );
        return publicUser(toUser(this.sql.user.get(canonicalUsername(before.username)) as UserRow));
      })
      .immediate();
  }

  async createSession(tokenHash: string, username: string, expiresAt: number): Promise<void> {
    await this.writeGate.open();
    this.accountsDb
      .transaction(() => {
        this.sql.expire.run(Date.now());
        this.sql.insertSession.run(tokenHash, username, Date.now(), expiresAt);
      })
      .immediate();
  }

  async sessionUser(tokenHash: string, now: number): Promise<User | null> {
    const row = this.sql.sessionUser.get(tokenHash, now);
    return row ? publicUser(toUser(row)) : null;
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.writeGate.open();
    this.sql.deleteSession.run(tokenHash);
  }

  async deleteUserSessions(username: string, exceptTokenHash = ''): Promise<void> {
    await this.writeGate.open();
    this.sql.deleteUserSessions.run(username, exceptTokenHash);
  }

  async createSetupToken(tokenHash: string): Promise<void> {
    await this.writeGate.open();
    // Only the newest link works: the one this start printed.
    this.accountsDb
      .transaction(() => {
        this.sql.dropUnusedSetup.run();
        this.sql.insertSetup.run(tokenHash, new Date().toISOString());
      })
      .immediate();
  }

  async completeSetup(tokenHash: string, username: string, passwordHash: string): Promise<User | null> {
    await this.writeGate.open();
    return this.accountsDb
      .transaction(() => {
        if ((this.sql.count.get()?.n ?? 0) > 0) return null;
        if (this.sql.useSetup.run(new Date().toISOString(), tokenHash).changes !== 1) return null;
        return this.insertUser(username, 'admin', passwordHash, 'setup');
      })
      .immediate();
  }
}
