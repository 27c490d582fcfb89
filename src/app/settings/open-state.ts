// Whether the settings panel is open: shared by its toolbar button and the panel (loaded on first use).
import { useSyncExternalStore } from 'react';

let open = false;
const listeners = new Set<() => void>();

export function setSettingsOpen(next: boolean): void {
  open = next;
  for (const listener of listeners) listener();
}

export function useSettingsOpen(): boolean {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => open,
  );
}

export const SETTINGS_PANEL_ID = 'settings-panel';
