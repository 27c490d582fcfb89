// The toolbar's 识别规则 button, for administrators: opens the settings panel (loaded on first use).
import { useAtlas } from '../state/store.ts';
import { SETTINGS_PANEL_ID, setSettingsOpen, useSettingsOpen } from './open-state.ts';
import { ts } from './strings.ts';

export function SettingsButton() {
  const lang = useAtlas((state) => state.lang);
  const isAdmin = useAtlas((state) => state.session.me?.user.role === 'admin');
  const open = useSettingsOpen();
  if (!isAdmin) return null;
  return (
    <button
      type="button"
      className="bar-button bar-toggle"
      aria-expanded={open}
      aria-controls={SETTINGS_PANEL_ID}
      onClick={() => setSettingsOpen(!open)}
    >
      {ts(lang, 'open')}
    </button>
  );
}
