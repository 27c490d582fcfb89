// 识别规则 in the user menu, for administrators: opens the settings panel (loaded on first use). In the
// menu, not the top bar: the bar is full on a tablet, and the settings are an administrator's errand.
import { useAtlas } from '../state/store.ts';
import { SETTINGS_PANEL_ID, setSettingsOpen, useSettingsOpen } from './open-state.ts';
import { ts } from './strings.ts';

export function SettingsButton({ onOpen }: { onOpen: () => void }) {
  const lang = useAtlas((state) => state.lang);
  const isAdmin = useAtlas((state) => state.session.me?.user.role === 'admin');
  const open = useSettingsOpen();
  if (!isAdmin) return null;
  return (
    <button
      type="button"
      className="text-button settings-link"
      aria-expanded={open}
      aria-controls={SETTINGS_PANEL_ID}
      onClick={() => {
        setSettingsOpen(!open);
        onOpen();
      }}
    >
      {ts(lang, 'open')}
    </button>
  );
}
