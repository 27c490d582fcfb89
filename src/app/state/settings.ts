// The administrator's settings as the app reads them (src/domain/settings.ts): fetched from the server
// once signed in, the defaults until they arrive (or when they cannot be read), replaced when an admin
// saves (the outbox hands the saved setting here). ONE accessor per setting: `useRules()` is how every
// part of the app (the plot card, the table's "fails rules" filter) gets the identification rules in
// force; `useStageDurations()` the 工期倒排 durations.
//
// Another admin's save reaches a page that is open already when it next matters, without a reload:
// the settings are read again when the page comes back into view (focus, visibility), when the browser
// is online again, after the outbox has sent what waited, when a part that shows them (a plot card, the
// table) opens a minute or more after the last read, and every 5 minutes while the page is seen (a wall
// screen nobody touches). Reads asked within 5 s of the last are one read; a read answered with an
// older version than the one held (a save landed meanwhile) changes nothing.
import { useEffect, useSyncExternalStore } from 'react';
import type { StageDurations } from '../../domain/deadlines.ts';
import type { IdentificationRules } from '../../domain/rules.ts';
import {
  SETTING_DEFAULTS,
  SETTING_KEYS,
  SETTING_SCHEMAS,
  type SettingKey,
  type SettingValues,
} from '../../domain/settings.ts';
import type { StoredSetting } from '../../domain/wire.ts';
import { getSetting } from '../api/endpoints.ts';

export interface SettingState<K extends SettingKey> {
  value: SettingValues[K];
  /** The version the value is (0: the default, never saved); null until the server answered. */
  version: number | null;
  updatedAt: string | null;
  updatedBy: string | null;
}

type Settings = { [K in SettingKey]: SettingState<K> };

const initial = (): Settings => ({
  rules: { value: SETTING_DEFAULTS.rules, version: null, updatedAt: null, updatedBy: null },
  'stage-durations': {
    value: SETTING_DEFAULTS['stage-durations'],
    version: null,
    updatedAt: null,
    updatedBy: null,
  },
});

let settings: Settings = initial();
const listeners = new Set<() => void>();
let loading: Promise<void> | null = null;
/** When the last read started (ms since the epoch); reads asked sooner after it are that read. */
let readAt = Number.NEGATIVE_INFINITY;
let reading: Promise<void> | null = null;

/** The least time between two reads the page asks for by itself. */
export const REFRESH_GAP_MS = 5_000;
/** How often a page in view reads the settings again with nothing else asking (never faster than 1/min). */
export const REFRESH_EVERY_MS = 5 * 60_000;
/** A part of the app that shows a setting, opened when the last read is older than this, reads again. */
export const STALE_ON_OPEN_MS = 60_000;

function publish(next: Settings): void {
  settings = next;
  for (const listener of listeners) listener();
}

/** A setting the server sent (read or saved): kept when it fits its schema. */
export function settingSaved(setting: StoredSetting): void {
  const parsed = SETTING_SCHEMAS[setting.key].safeParse(setting.value);
  if (!parsed.success) return;
  const current = settings[setting.key];
  // Older than what is held (a read overtaken by a save), or the same version read again: nothing
  // changes, and nothing that shows it (the table's filter over 100 000 rows) runs again.
  if (current.version !== null && current.version >= setting.version) return;
  publish({
    ...settings,
    [setting.key]: {
      value: parsed.data,
      version: setting.version,
      updatedAt: setting.updatedAt,
      updatedBy: setting.updatedBy,
    },
  });
}

/** Reads every setting from the server (again, when `force`); failures leave the defaults in force. */
export function loadSettings(force = false): Promise<void> {
  if (loading && !force) return loading;
  readAt = Date.now();
  let failed = false;
  const load = Promise.all(
    SETTING_KEYS.map(async (key) => {
      try {
        settingSaved(await getSetting(key));
      } catch {
        // Offline or signed out: the defaults (or what was read before) stay in force, and the next
        // part of the app that asks reads them again.
        failed = true;
      }
    }),
  ).then(() => {
    if (failed && loading === load) loading = null;
  });
  loading = load;
  reading = load;
  void load.then(() => {
    if (reading === load) reading = null;
  });
  return load;
}

/**
 * Reads the settings again, unless a read is under way (its promise) or started less than `gapMs`
 * before `now`: a focus, a visibility change and a sync at once are one read.
 */
export function refreshSettings(gapMs = REFRESH_GAP_MS, now = Date.now()): Promise<void> {
  if (reading) return reading;
  if (now - readAt < gapMs) return Promise.resolve();
  return loadSettings(true);
}

/** What `watchSettings` listens to: the window and the document, or stand-ins for them in a test. */
export interface PageSignals {
  window: Pick<Window, 'addEventListener' | 'removeEventListener' | 'setInterval' | 'clearInterval'>;
  document: Pick<Document, 'addEventListener' | 'removeEventListener' | 'visibilityState'>;
}

let watchers = 0;
let unwatch: (() => void) | null = null;

/**
 * Reads the settings again when the page comes back into view or online, and every REFRESH_EVERY_MS
 * while it is seen; counted, so the listeners are there once while any part of the app watches.
 * Returns the end of this watch.
 */
export function watchSettings(signals?: PageSignals): () => void {
  watchers += 1;
  if (watchers === 1) {
    const { window: view, document: page } = signals ?? { window, document };
    const onShown = () => {
      if (page.visibilityState !== 'hidden') void refreshSettings();
    };
    view.addEventListener('focus', onShown);
    view.addEventListener('online', onShown);
    page.addEventListener('visibilitychange', onShown);
    const timer = view.setInterval(onShown, REFRESH_EVERY_MS);
    unwatch = () => {
      view.removeEventListener('focus', onShown);
      view.removeEventListener('online', onShown);
      page.removeEventListener('visibilitychange', onShown);
      view.clearInterval(timer);
    };
  }
  let ended = false;
  return () => {
    if (ended) return;
    ended = true;
    watchers -= 1;
    if (watchers === 0) {
      unwatch?.();
      unwatch = null;
    }
  };
}

function useSettings(): Settings {
  const value = useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => settings,
  );
  useEffect(() => {
    // The first part to show a setting reads them; one opened later reads them again if they are old.
    if (loading) void refreshSettings(STALE_ON_OPEN_MS);
    else void loadSettings();
    return watchSettings();
  }, []);
  return value;
}

/** A setting as held now, outside React (the hooks below are how components read it). */
export function currentSetting<K extends SettingKey>(key: K): SettingState<K> {
  return settings[key] as SettingState<K>;
}

/** A setting with its version, for the admin's form. */
export function useSetting<K extends SettingKey>(key: K): SettingState<K> {
  return useSettings()[key] as SettingState<K>;
}

/** The identification rules in force (the one accessor for every part of the app). */
export function useRules(): IdentificationRules {
  return useSettings().rules.value;
}

/** The standard durations of the project steps (工期倒排). */
export function useStageDurations(): StageDurations {
  return useSettings()['stage-durations'].value;
}
