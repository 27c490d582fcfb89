// The top bar's 绘制区域 button, for users who may create zones: with the shell from the start; the
// panel it opens and the drawing library behind it (terra-draw) are loaded when it is first pressed.
import './zone-button.css';
import { useAtlas } from '../../state/store.ts';
import { type AsMenuItem, BarAction } from '../../ui/bar-action.tsx';
import { tz } from './i18n.ts';

export const ZONE_PANEL_ID = 'zone-panel';

/** May the signed-in user create zones? (Before a session is known: no.) */
function useCanDrawZones(): boolean {
  const me = useAtlas((state) => state.session.me);
  return Boolean(me?.can.createLayers.includes('zones'));
}

export function ZoneButton({ menu }: { menu?: AsMenuItem }) {
  const lang = useAtlas((state) => state.lang);
  const open = useAtlas((state) => state.drawing.open);
  const setOpen = useAtlas((state) => state.setDrawingOpen);
  if (!useCanDrawZones()) return null;
  return (
    <BarAction
      open={open}
      controls={ZONE_PANEL_ID}
      icon={<span aria-hidden="true" className="zone-icon" />}
      label={tz(lang, 'drawZones')}
      onToggle={() => setOpen(!open)}
      menu={menu}
    />
  );
}
