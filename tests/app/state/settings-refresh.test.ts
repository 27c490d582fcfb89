// The settings as the app holds them (src/app/state/settings.ts), read again without a reload: a save
// through the write path is in force at once and a read that was under way with an older version does
// not take it back; reads asked within 5 s of the last are that read; the page's coming back into view
// (focus, visibility) or online reads them again, a hidden page does not, and the listeners are there
// once however many parts of the app watch. The server is a stand-in answering GET /api/settings/:key.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PageSignals } from '../../../src/app/state/settings.ts';
import { DEFAULT_STAGE_DURATIONS } from '../../../src/domain/deadlines.ts';
import { DEFAULT_RULES, type IdentificationRules } from '../../../src/domain/rules.ts';
import type { StoredSetting } from '../../../src/domain/wire.ts';

type SettingsModule = typeof import('../../../src/app/state/settings.ts');

/** The stand-in server: the rules at a version, how many reads it answered, and answers it may hold. */
let rules: { version: number; value: IdentificationRules };
let reads: string[];
let held: (() => void)[];
let hold: boolean;

const stored = (key: string, version: number, value: unknown): StoredSetting =>
  ({
    key,
    version,
    value,
    updatedAt: version ? '2026-12-01T06:00:00.000Z' : null,
    updatedBy: version ? 'admin' : null,
  }) as StoredSetting;

function answer(path: string): Response {
  const body = path.endsWith('/rules')
    ? stored('rules', rules.version, rules.value)
    : stored('stage-durations', 0, DEFAULT_STAGE_DURATIONS);
  return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
}

const withTax = (taxPerMuMin: number): IdentificationRules => ({ ...DEFAULT_RULES, taxPerMuMin });

/** A fresh copy of the module (its state is the page's: one per test). */
async function freshSettings(): Promise<SettingsModule> {
  vi.resetModules();
  return import('../../../src/app/state/settings.ts');
}

/** A window and a document for watchSettings: event targets with a visibility and a timer. */
function pageSignals() {
  const view = new EventTarget() as EventTarget & {
    setInterval: typeof setInterval;
    clearInterval: typeof clearInterval;
  };
  const intervals: number[] = [];
  let tick = () => {};
  let cleared = 0;
  view.setInterval = ((handler: () => void, ms: number) => {
    intervals.push(ms);
    tick = handler;
    return intervals.length;
  }) as unknown as typeof setInterval;
  view.clearInterval = (() => {
    cleared += 1;
  }) as typeof clearInterval;
  const page = Object.assign(new EventTarget(), { visibilityState: 'visible' as DocumentVisibilityState });
  return {
    signals: { window: view, document: page } as unknown as PageSignals,
    view,
    page,
    intervals,
    tick: () => tick(),
    cleared: () => cleared,
  };
}

/** Lets the stand-in answer and the module take the answers. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

beforeEach(() => {
  rules = { version: 0, value: DEFAULT_RULES };
  reads = [];
  held = [];
  hold = false;
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-12-01T08:00:00Z'));
  vi.stubGlobal('fetch', (path: string) => {
    reads.push(path);
    if (!hold) return Promise.resolve(answer(path));
    // The answer as the server had it when asked, given later.
    const now = answer(path);
    return new Promise<Response>((resolve) => held.push(() => resolve(now)));
  });
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('the settings held by the app', () => {
  it('takes a save at once; a read under way with the older version does not take it back', async () => {
    const settings = await freshSettings();
    await settings.loadSettings();
    expect(reads).toEqual(['/api/settings/rules', '/api/settings/stage-durations']);
    vi.setSystemTime(Date.now() + 10_000);
    hold = true;
    const refreshing = settings.refreshSettings();
    await settle();
    // The admin's save lands (the write path hands the saved setting over) while the read waits.
    settings.settingSaved(stored('rules', 1, withTax(7)));
    for (const release of held) release();
    await refreshing;
    // The read answered version 0 (asked before the save): the saved version 1 stays in force.
    expect(settings.currentSetting('rules')).toMatchObject({ version: 1, updatedBy: 'admin' });
    expect(settings.currentSetting('rules').value.taxPerMuMin).toBe(7);
  });

  it('reads again only when the last read is 5 s old or more, and once for calls during a read', async () => {
    const settings = await freshSettings();
    await settings.loadSettings();
    reads = [];
    rules = { version: 2, value: withTax(8) };
    await settings.refreshSettings();
    expect(reads).toEqual([]);
    vi.setSystemTime(Date.now() + settings.REFRESH_GAP_MS);
    const [a, b] = [settings.refreshSettings(), settings.refreshSettings()];
    await Promise.all([a, b]);
    expect(reads).toEqual(['/api/settings/rules', '/api/settings/stage-durations']);
    expect(settings.currentSetting('rules').value.taxPerMuMin).toBe(8);
    // The same version read again is the same object: nothing that shows it runs again.
    const kept = settings.currentSetting('rules');
    vi.setSystemTime(Date.now() + settings.REFRESH_GAP_MS);
    await settings.refreshSettings();
    expect(settings.currentSetting('rules')).toBe(kept);
    // A longer gap (a card opened): not within a minute of the last read.
    reads = [];
    vi.setSystemTime(Date.now() + 30_000);
    await settings.refreshSettings(settings.STALE_ON_OPEN_MS);
    expect(reads).toEqual([]);
    vi.setSystemTime(Date.now() + 30_000);
    await settings.refreshSettings(settings.STALE_ON_OPEN_MS);
    expect(reads).toHaveLength(2);
  });

  it('reads again when the page comes back into view or online, not while hidden; listens once', async () => {
    const settings = await freshSettings();
    await settings.loadSettings();
    const { signals, view, page, intervals, tick, cleared } = pageSignals();
    const stopCard = settings.watchSettings(signals);
    const stopTable = settings.watchSettings(signals);
    expect(intervals).toEqual([settings.REFRESH_EVERY_MS]);
    expect(settings.REFRESH_EVERY_MS).toBeGreaterThanOrEqual(60_000);

    const step = async (event: () => void) => {
      reads = [];
      vi.setSystemTime(Date.now() + settings.REFRESH_GAP_MS);
      event();
      await settle();
      await settle();
      return reads.length;
    };
    rules = { version: 3, value: withTax(9) };
    expect(await step(() => view.dispatchEvent(new Event('focus')))).toBe(2);
    expect(settings.currentSetting('rules').value.taxPerMuMin).toBe(9);
    expect(await step(() => view.dispatchEvent(new Event('online')))).toBe(2);
    page.visibilityState = 'hidden';
    expect(await step(() => page.dispatchEvent(new Event('visibilitychange')))).toBe(0);
    // The 5-minute timer reads while the page is seen, not while it is hidden.
    expect(await step(tick)).toBe(0);
    page.visibilityState = 'visible';
    expect(await step(() => page.dispatchEvent(new Event('visibilitychange')))).toBe(2);
    expect(await step(tick)).toBe(2);

    // One watcher gone: still listening; both gone (twice over for one): no more.
    stopCard();
    stopCard();
    expect(await step(() => view.dispatchEvent(new Event('focus')))).toBe(2);
    expect(cleared()).toBe(0);
    stopTable();
    expect(cleared()).toBe(1);
    expect(await step(() => view.dispatchEvent(new Event('focus')))).toBe(0);
  });

  it('keeps the rules in force when a read fails, and reads again at the next chance', async () => {
    const settings = await freshSettings();
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));
    await settings.loadSettings();
    expect(settings.currentSetting('rules').value.taxPerMuMin).toBe(DEFAULT_RULES.taxPerMuMin);
    vi.stubGlobal('fetch', (path: string) => {
      reads.push(path);
      return Promise.resolve(answer(path));
    });
    rules = { version: 4, value: withTax(10) };
    vi.setSystemTime(Date.now() + settings.REFRESH_GAP_MS);
    await settings.refreshSettings();
    expect(settings.currentSetting('rules').value.taxPerMuMin).toBe(10);
  });
});
