// The administrator's settings as the app reads them (src/domain/settings.ts): fetched from the server
// once signed in, the defaults until they arrive (or when they cannot be read), replaced when an admin
// saves (the outbox hands the saved setting here). ONE accessor per setting: `useRules()` is how every
// part of the app (the plot card, the table's "fails rules" filter) gets the identification rules in
// force; `useStageDurations()` the 工期倒排 durations.
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

function publish(next: Settings): void {
  settings = next;
  for (const listener of listeners) listener();
}

/** A setting the server sent (read or saved): kept when it fits its schema. */
export function settingSaved(setting: StoredSetting): void {
  const parsed = SETTING_SCHEMAS[setting.key].safeParse(setting.value);
  if (!parsed.success) return;
  const current = settings[setting.key];
  if (current.version !== null && current.version > setting.version) return;
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
  return load;
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
    void loadSettings();
  }, []);
  return value;
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
