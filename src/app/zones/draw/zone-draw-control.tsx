// Renders nothing: attaches the drawing tool to the map (src/app/zones/draw/controller.ts), keeps its snapping
// index on the current plots and parks, loads the saved zones once the layers are in, and takes the
// undo/redo keys (Ctrl+Z, Ctrl+Shift+Z, Ctrl+Y).
import { useEffect } from 'react';
import { useMap } from 'react-map-gl/maplibre';
import { useAtlas } from '../../state/store.ts';
import { loadZones } from '../panel/actions.ts';
import { clearReadout } from '../panel/readout-client.ts';
import { resetZones, useZones } from '../panel/store.ts';
import { attachDraw, redo, setSnapLayers, undo } from './controller.ts';

function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
  );
}

export function ZoneDrawControl() {
  const { current } = useMap();
  const layers = useAtlas((state) => state.layers);
  const loading = useAtlas((state) => state.loading);

  useEffect(() => {
    const map = current?.getMap();
    if (!map) return;
    let detach: (() => void) | null = null;
    const attach = () => {
      detach = attachDraw(map);
    };
    if (map.isStyleLoaded()) attach();
    else map.once('load', attach);
    return () => {
      map.off('load', attach);
      detach?.();
      // The map goes away when its person signs out: the next person must not see their zones.
      clearReadout();
      resetZones();
    };
  }, [current]);

  useEffect(() => {
    setSnapLayers([
      ...(layers.plots?.collection.features ?? []),
      ...(layers.parks?.collection.features ?? []),
    ]);
  }, [layers.plots, layers.parks]);

  useEffect(() => {
    if (!loading) void loadZones();
  }, [loading]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || isTyping(event.target) || !useZones.getState().open) return;
      const key = event.key.toLowerCase();
      if (key === 'z' && !event.shiftKey) undo();
      else if ((key === 'z' && event.shiftKey) || key === 'y') redo();
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return null;
}
