// End-to-end harness: serves the built app (dist/) with the real server on a free port and drives it
// in Debian's headless Chromium through playwright-core (no browser download).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { buildServer } from '../../src/server/app.ts';

export interface RunningApp {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves dist/ (built by `npm run build` before the e2e project runs) on 127.0.0.1 and a free port,
 * with a fresh data directory (seeded from geodata/) that is removed on close.
 */
export async function startApp(): Promise<RunningApp> {
  const dataDir = await mkdtemp(join(tmpdir(), 'atlas-e2e-'));
  const server = await buildServer({ dataDir });
  await server.listen({ port: 0, host: '127.0.0.1' });
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: async () => {
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

function chromiumPath(): string {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return fromEnv;
  for (const candidate of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) {
    if (existsSync(candidate)) return candidate;
  }
  try {
    return execFileSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], {
      encoding: 'utf8',
    }).trim();
  } catch {
    throw new Error('Chromium is not installed: run `apt-get install chromium` (see .ci/run).');
  }
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
}

export const DESKTOP: BrowserOptions = { viewport: { width: 1440, height: 900 }, touch: false };
export const TABLET: BrowserOptions = { viewport: { width: 1024, height: 768 }, touch: true };

export async function openBrowser(options: BrowserOptions): Promise<BrowserSession> {
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      '--use-gl=angle',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
      '--ignore-gpu-blocklist',
    ],
  });
  const context = await browser.newContext({
    viewport: options.viewport,
    hasTouch: options.touch,
    isMobile: options.touch,
    deviceScaleFactor: 1,
    locale: 'zh-CN',
  });
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  const requests: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(`${error.name}: ${error.message}`));
  page.on('request', (request) => requests.push(request.url()));
  return {
    browser,
    context,
    page,
    consoleErrors,
    requests,
    close: () => browser.close(),
  };
}

/** True for a URL on this machine (the app's own server, data: and blob: URLs). */
export function isLocal(url: string): boolean {
  if (url.startsWith('data:') || url.startsWith('blob:')) return true;
  const { hostname } = new URL(url);
  return hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]';
}
