// The settings as the server's own code reads them (domain/settings.ts): the stored value, or the
// default while an administrator never saved one. ONE function per setting the server uses, so every
// route that judges plots by the rules (the table's filter, the report, the dossier) reads the same.
import type { IdentificationRules } from '../domain/rules.ts';
import { SETTING_SCHEMAS, type SettingKey, type SettingValues } from '../domain/settings.ts';
import { unsavedSetting } from './store/settings.ts';
import type { Store, StoredSetting } from './store/types.ts';

/** The setting with its version: the stored one, else version 0 of the default. */
export async function readSetting(store: Store, key: SettingKey): Promise<StoredSetting> {
  return (await store.getSetting(key)) ?? unsavedSetting(key);
}

/** The current value of a setting, checked against its schema (a value that no longer fits is the default). */
async function settingValue<K extends SettingKey>(store: Store, key: K): Promise<SettingValues[K]> {
  const stored = await readSetting(store, key);
  const parsed = SETTING_SCHEMAS[key].safeParse(stored.value);
  return parsed.success ? parsed.data : (unsavedSetting(key).value as SettingValues[K]);
}

/** The identification rules in force (低效工业用地认定标准). */
export const currentRules = (store: Store): Promise<IdentificationRules> => settingValue(store, 'rules');
