// Renders nothing: attaches the shell's drawing controller (src/app/zones/draw/controller.ts) to the map,
// keeps its snapping source on the current plots and parks, puts the saved zones of each load into it,
// and takes the undo/redo keys (Ctrl+Z, Ctrl+Shift+Z, Ctrl+Y; while an outline is open they and
// Backspace step through its vertices). The shell loads this module (and terra-draw with it) on first
// use and makes the one controller the map control and the zone panel share.
import { useEffect, useState } from 'react';
import { useMap } from 'react-map-gl/maplibre';
import { useAtlas } from '../../state/store.ts';
import { ZoneDrawController } from './controller.ts';

/** The drawing controller of this app instance (the shell makes one, once the module is loaded). */
export function createZoneDrawController(): ZoneDrawController {
  return new ZoneDrawController();
}

function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
  );
}

export function ZoneDrawControl({ controller }: { controller: ZoneDrawController }) {
  const { current } = useMap();
  const plots = useAtlas((state) => state.layers.plots);
  const parks = useAtlas((state) => state.layers.parks);
  const loadCount = useAtlas((state) => state.loadCount);
  const [attached, setAttached] = useState(false);

  useEffect(() => {
    const map = current?.getMap();
    if (!map) return;
    let detach: (() => void) | null = null;
    const attach = () => {
      detach = controller.attach(map);
      setAttached(true);
    };
    if (map.isStyleLoaded()) attach();
    else map.once('load', attach);
    return () => {
      map.off('load', attach);
      detach?.();
      setAttached(false);
      // The map goes away when its person signs out: the next person must not see their zones.
      useAtlas.getState().resetDrawing();
    };
  }, [current, controller]);

  useEffect(() => {
    controller.setSnapSource(plots?.collection.features, parks?.collection.features);
  }, [controller, plots, parks]);

  // Each load's saved zones (not the zones the person saves meanwhile: those are already drawn).
  useEffect(() => {
    const zones = useAtlas.getState().layers.zones;
    if (attached && loadCount > 0 && zones) controller.loadSaved(zones.collection);
  }, [controller, attached, loadCount]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (isTyping(event.target) || !useAtlas.getState().drawing.open) return;
      // Backspace takes back the last vertex of the outline being drawn (and does nothing else).
      if (event.key === 'Backspace' && !event.ctrlKey && !event.metaKey && controller.isOutlineOpen()) {
        controller.undo();
        event.preventDefault();
        return;
      }
      if (!(event.ctrlKey || event.metaKey)) return;
      const key = event.key.toLowerCase();
      if (key === 'z' && !event.shiftKey) controller.undo();
      else if ((key === 'z' && event.shiftKey) || key === 'y') controller.redo();
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [controller]);

  return null;
}
