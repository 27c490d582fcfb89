// A settings form's fields over the setting in force. The settings are read again while a page is open
// (src/app/state/settings.ts: on focus, online, …), so a newer version can arrive while an admin edits:
// it replaces the fields only if they are as shown (untouched); edits in progress stay, and saving them
// meets the newer version (409) with 载入最新内容, which takes the newest values whatever was typed.
import { useEffect, useState } from 'react';
import type { SettingKey, SettingValues } from '../../domain/settings.ts';
import { currentSetting, loadSettings, useSetting } from '../state/settings.ts';

/** `toFields` must be a module-level function (its identity is a dependency). */
export function useSettingFields<K extends SettingKey, F>(key: K, toFields: (value: SettingValues[K]) => F) {
  const state = useSetting(key);
  const [fields, setFields] = useState(() => toFields(state.value));
  const [shown, setShown] = useState(() => ({ version: state.version, fields }));
  useEffect(() => {
    if (state.version === shown.version) return;
    const next = toFields(state.value);
    // Untouched, or already saying the new values (this form's own save).
    const same = (a: F, b: F) => JSON.stringify(a) === JSON.stringify(b);
    const untouched = same(fields, shown.fields) || same(fields, next);
    if (untouched) setFields(next);
    setShown({ version: state.version, fields: untouched ? next : shown.fields });
  }, [state.version, state.value, shown, fields, toFields]);
  /** Reads the settings and shows the newest values, replacing what was typed (after a 409). */
  const reload = async () => {
    await loadSettings(true);
    const newest = currentSetting(key);
    const next = toFields(newest.value);
    setFields(next);
    setShown({ version: newest.version, fields: next });
  };
  return { state, fields, setFields, reload };
}
