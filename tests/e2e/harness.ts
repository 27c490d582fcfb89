import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { Role } from '../../src/domain/wire.ts';
import { buildServer } from '../../src/server/app.ts';
import { hashPassword } from '../../src/server/auth/password.ts';
import { launchChromium } from '../support/chromium.ts';

export interface RunningApp {
  url: string;
  /** The one-time setup token of this start (only when it began with no users), else null. */
  setupToken: string | null;
  server: FastifyInstance;
  dataDir: string;
  port: number;
  /** Whether the server died as `crashAfterWrites` asked. */
  crashed(): boolean;
  close(): Promise<void>;
}

export interface TestUser {
  username: string;
  password: string;
  role: Role;
}

export const PASSWORD = 'field visit 2026';

/** One account per role, named after it, all with PASSWORD. */
export const USERS = {
  viewer: { username: 'viewer1', password: PASSWORD, role: 'viewer' },
  inspector: { username: 'inspector1', password: PASSWORD, role: 'inspector' },
  planner: { username: 'planner1', password: PASSWORD, role: 'planner' },
  admin: { username: 'admin1', password: PASSWORD, role: 'admin' },
} as const satisfies Record<Role, TestUser>;

export interface StartOptions {
  /** Accounts made through the store before the server listens (none: the setup link is printed). */
  users?: readonly TestUser[];
  /** The server's tile threshold (ATLAS_TILE_THRESHOLD): 0 serves every non-empty tileable layer as tiles. */
  tileThreshold?: number;
  /** A data directory to use (and keep on close): a server restarted on the data of one before it. */
  dataDir?: string;
  /** The port to listen on (a server restarted where the page expects it); a free one by default. */
  port?: number;
  /**
   * A server that dies in the middle of a sync: after this many writes (POST, PATCH, DELETE answered
   * 2xx) it stops — that last write is committed, but its answer never leaves (its connection is
   * destroyed) — and stops listening, as a server killed at that moment.
   */
  crashAfterWrites?: number;
}

const DIST = new URL('../../dist/', import.meta.url);
let testBuildChecked = false;

/** dist/ must be the test build: only it has the `window.__landAtlas` hook the tests drive the page by. */
function checkTestBuild(): void {
  if (testBuildChecked) return;
  const assets = new URL('assets/', DIST);
  const scripts = existsSync(assets) ? readdirSync(assets).filter((name) => name.endsWith('.js')) : [];
  if (!scripts.some((name) => readFileSync(new URL(name, assets), 'utf8').includes('__landAtlas')))
    throw new Error('dist/ is not a test build (no window.__landAtlas): run `npm run build:test` first.');
  testBuildChecked = true;
}

/**
 * Serves dist/ (the test build, `npm run build:test`, made before the e2e project runs) on 127.0.0.1 and
 * a free port, with a fresh data directory (seeded from geodata/) that is removed on close.
 */
export async function startApp(options: StartOptions = {}): Promise<RunningApp> {
  checkTestBuild();
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'atlas-e2e-')));
  const server = await buildServer({
    dataDir,
    ...(options.tileThreshold !== undefined ? { tileThreshold: options.tileThreshold } : {}),
  });
  let crashed: Promise<void> | null = null;
  if (options.crashAfterWrites !== undefined) {
    let writes = 0;
    const limit = options.crashAfterWrites;
    server.addHook('onSend', async (request, reply, payload) => {
      const write =
        ['POST', 'PATCH', 'DELETE'].includes(request.method) &&
        (request.url.startsWith('/api/inspections') || request.url.startsWith('/api/features'));
      if (!write || reply.statusCode >= 300) return payload;
      writes += 1;
      if (writes === limit) {
        request.raw.socket?.destroy();
        crashed = server.close();
      }
      return payload;
    });
  }
  for (const user of options.users ?? []) {
    const created = await server.atlas.store.createUser(
      user.username,
      user.role,
      await hashPassword(user.password),
      'e2e',
    );
    if (!created) throw new Error(`could not create user ${user.username}`);
  }
  await server.listen({ port: options.port ?? 0, host: '127.0.0.1' });
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    setupToken: server.atlas.setupToken,
    server,
    dataDir,
    port,
    crashed: () => crashed !== null,
    close: async () => {
      await (crashed ?? server.close());
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export interface BrowserSession {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Console messages of type error and uncaught page errors, as text. */
  consoleErrors: string[];
  /** Every URL the page requested. */
  requests: string[];
  close(): Promise<void>;
}

export interface BrowserOptions {
  viewport: { width: number; height: number };
  /** A touch tablet: hasTouch and isMobile, so taps and touch events are real. */
  touch: boolean;
  /** Permissions granted to the app's pages (`['geolocation']` for the locate control). */
  permissions?: string[];
  /** Where the device says it is (context.setGeolocation moves it later). */
  geolocation?: { latitude: number; longitude: number; accuracy?: number };
}

export const DESKTOP: BrowserOptions = { viewport: { width: 1440, height: 900 }, touch: false };
export const TABLET: BrowserOptions = { viewport: { width: 1024, height: 768 }, touch: true };

/** The two devices the page tests run on, for `describe.each`: a desktop with a mouse, a touch tablet. */
export const DEVICES: [string, BrowserOptions][] = [
  ['desktop 1440×900, mouse', DESKTOP],
  ['tablet 1024×768, touch', TABLET],
];

/** Presses a control as the device does: a tap on a touch device, else a click. */
export const pressFor = (touch: boolean) => async (locator: Locator) => {
  if (touch) await locator.tap();
  else await locator.click();
};

/**
 * One Chromium per test file, launched by the first openBrowser and closed after the file's last test:
 * a launch costs seconds on two busy cores, and each session is a context of its own anyway (its own
 * cookies, storage, cache and service worker), as isolated from the others as a browser of its own.
 */
let sharedBrowser: Promise<Browser> | null = null;

async function fileBrowser(): Promise<Browser> {
  const running = sharedBrowser ? await sharedBrowser : null;
  if (running?.isConnected()) return running;
  sharedBrowser = launchChromium();
  return sharedBrowser;
}

afterAll(async () => {
  const browser = sharedBrowser;
  sharedBrowser = null;
  await (await browser)?.close();
});

/** A new context (a fresh browser profile) in the file's Chromium; `close` closes that context. */
export async function openBrowser(options: BrowserOptions): Promise<BrowserSession> {
  const browser = await fileBrowser();
  const session = await openContext(browser, options);
  return { ...session, browser };
}

export type ContextSession = Omit<BrowserSession, 'browser'>;

/** A server and a browser for the tests of one `describe`; `app` and `session` are set once it starts. */
export interface AppAndBrowser {
  app: RunningApp;
  session: BrowserSession;
}

/**
 * The usual set-up of a `describe`: in beforeAll, a server (startApp with `start`) and a browser
 * (openBrowser with `device`: a context of the file's Chromium); in afterAll, both closed, the context first.
 */
export function appAndBrowser(device: BrowserOptions, start: StartOptions = {}): AppAndBrowser {
  const running = {} as AppAndBrowser;
  beforeAll(async () => {
    running.app = await startApp(start);
    running.session = await openBrowser(device);
  });
  afterAll(async () => {
    await running.session?.close();
    await running.app?.close();
  });
  return running;
}

/** Another browser context (its own cookies: another person) in a running browser. */
export async function openContext(browser: Browser, options: BrowserOptions): Promise<ContextSession> {
  const context = await browser.newContext({
    viewport: options.viewport,
    hasTouch: options.touch,
    isMobile: options.touch,
    deviceScaleFactor: 1,
    locale: 'zh-CN',
    ...(options.permissions ? { permissions: options.permissions } : {}),
    ...(options.geolocation ? { geolocation: options.geolocation } : {}),
  });
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  const requests: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(`${error.name}: ${error.message}`));
  page.on('request', (request) => requests.push(request.url()));
  return { context, page, consoleErrors, requests, close: () => context.close() };
}

/** True for a URL on this machine (the app's own server, data: and blob: URLs). */
export function isLocal(url: string): boolean {
  if (url.startsWith('data:') || url.startsWith('blob:')) return true;
  const { hostname } = new URL(url);
  return hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]';
}

/**
 * Logs in through the login screen (the page must show it: after a goto to the app without a session)
 * and waits until the login form has gone and the user menu names the user.
 */
export async function login(page: Page, username: string, password: string): Promise<void> {
  const zh = (await page.evaluate(() => document.documentElement.lang)) !== 'en';
  await page.getByLabel(zh ? '用户名' : 'Username', { exact: true }).fill(username);
  await page.getByLabel(zh ? '密码' : 'Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: zh ? '登录' : 'Log in', exact: true }).click();
  await page
    .getByRole('button', {
      name: new RegExp(zh ? `^用户菜单：${username}（` : `^User menu: ${username} \\(`),
    })
    .waitFor({ state: 'visible', timeout: 30_000 });
}

/** Opens the app at `url` in a fresh page state and logs in. */
export async function openAndLogin(page: Page, url: string, user: TestUser): Promise<void> {
  await page.goto(url);
  await page.getByRole('button', { name: /^(登录|Log in)$/ }).waitFor({ state: 'visible', timeout: 30_000 });
  await login(page, user.username, user.password);
}

/**
 * Gives the reason 记录巡查 asks for when the inspection has no proof of presence (these browsers have no
 * position: the tests that are not about it record from the desk).
 */
export async function givePresenceReason(dialog: Locator, reason = '室内补录（测试）'): Promise<void> {
  await dialog.getByLabel('仍要保存的原因').fill(reason);
}
