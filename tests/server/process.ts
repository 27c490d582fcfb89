// The real server as a child process (node --import tsx src/server/main.ts: one process, so SIGKILL
// reaches the process that holds the database), on 127.0.0.1 and a free port.
import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import type { Role } from '../../src/domain/wire.ts';
import { userAdd } from '../../src/server/cli/user-add.ts';

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  output: () => string;
}

export async function spawnServer(
  dataDir: string,
  geodataDir: string | null,
  env: Record<string, string> = {},
): Promise<ServerProcess> {
  const root = resolve(import.meta.dirname, '../..');
  const extra = (process.env.ATLAS_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...extra, '--import', 'tsx', resolve(root, 'src/server/main.ts')], {
    cwd: root,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      GEODATA_DIR: geodataDir ?? resolve(dataDir, 'no-geodata'),
      ATLAS_API_ONLY: '1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`server did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /http:\/\/localhost:(\d+)\//.exec(output);
      if (match) {
        clearTimeout(timer);
        done(`http://127.0.0.1:${match[1]}`);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`server exited (${code}):\n${output}`));
    });
  });
  return { child, url, output: () => output };
}

export async function stopServer(server: ServerProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  const exited = new Promise((done) => server.child.once('exit', done));
  server.child.kill(signal);
  await exited;
}

/** An account made by `atlas user add`: in the SQLite file under dataDir, or in DATABASE_URL's database. */
export async function addUser(
  dataDir: string,
  name: string,
  role: Role,
  password: string,
  databaseUrl: string | null = null,
): Promise<void> {
  const lines: string[] = [];
  const where = databaseUrl ? [] : ['--data-dir', dataDir];
  const code = await userAdd([name, '--role', role, '--password-stdin', ...where], {
    out: (line) => lines.push(line),
    err: (line) => lines.push(line),
    readStdin: async () => `${password}\n`,
    env: databaseUrl ? { DATABASE_URL: databaseUrl } : {},
  });
  if (code !== 0) throw new Error(lines.join('\n'));
}

export async function httpLogin(url: string, username: string, password: string): Promise<string> {
  const response = await fetch(`${url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (response.status !== 200)
    throw new Error(`login ${username}: ${response.status} ${await response.text()}`);
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('atlas_session='));
  return (cookie ?? '').split(';')[0] as string;
}
