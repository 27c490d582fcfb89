// Where am I: the locate control (定位, and 跟随 while it is on), the position as a dot in its accuracy
// circle, and a banner naming the plot the inspector stands in or the nearest ones. The plots come from
// the loaded layer, or — when plots are served as tiles — from GET /api/layers/plots/features?bbox= around
// the position (src/geo/locate.ts decides; this file only shows it).
import type { Feature, FeatureCollection } from 'geojson';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Layer, type MapRef, Source, useMap } from 'react-map-gl/maplibre';
import { accuracyCircle, boxAround, metresBetween, whereAmI } from '../../geo/locate.ts';
import { getFeaturesInBox } from '../api/endpoints.ts';
import { t } from '../i18n/i18n.ts';
import type { DevicePosition, LocateError } from '../state/field-slice.ts';
import { holdPosition } from '../state/geolocation.ts';
import { useAtlas } from '../state/store.ts';
import { chooseView, freeMapPadding, showFeatureById, TABLET_QUERY } from './camera.ts';
import './locate.css';

/** How far around the position nearby plots are looked for (metres). */
const NEAR_RADIUS_M = 1000;
/** Plots are fetched this much further out, so a walk of that much needs no new fetch. */
const FETCH_MARGIN_M = 300;

const ERROR_KEY: Record<
  LocateError,
  'locateDenied' | 'locateUnavailable' | 'locateTimeout' | 'locateUnsupported'
> = {
  denied: 'locateDenied',
  unavailable: 'locateUnavailable',
  timeout: 'locateTimeout',
  unsupported: 'locateUnsupported',
};

function reducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

function positionCollection(position: DevicePosition): FeatureCollection {
  const point: [number, number] = [position.lon, position.lat];
  return {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        properties: { part: 'accuracy' },
        geometry: accuracyCircle(point, position.accuracy),
      },
      { type: 'Feature', properties: { part: 'dot' }, geometry: { type: 'Point', coordinates: point } },
    ],
  };
}

/** Shows a recorded position (an inspection's) on the map, the sheet lowered to leave the map free. */
export function showMarkedPosition(map: MapRef, position: DevicePosition): void {
  const state = useAtlas.getState();
  state.setMarkedPosition(position);
  if (matchMedia(TABLET_QUERY).matches) state.setSheetSnap('peek');
  chooseView();
  const padding = freeMapPadding(map);
  const [west, south, east, north] = boxAround(
    [position.lon, position.lat],
    Math.max(position.accuracy, 60) * 2,
  );
  map.fitBounds(
    [
      [west, south],
      [east, north],
    ],
    { padding, maxZoom: 18, duration: reducedMotion() ? 0 : 600 },
  );
}

/** A recorded position: an orange dot in its accuracy circle, until the selection changes. */
function MarkedPositionLayers() {
  const marked = useAtlas((state) => state.markedPosition);
  const selection = useAtlas((state) => state.selection);
  const setMarked = useAtlas((state) => state.setMarkedPosition);
  // Another feature chosen (or none): the recorded position belonged to the last one's record.
  const seen = useRef(selection);
  useEffect(() => {
    if (seen.current === selection) return;
    seen.current = selection;
    setMarked(null);
  }, [selection, setMarked]);
  const data = useMemo(() => (marked ? positionCollection(marked) : null), [marked]);
  if (!data) return null;
  return <PositionSource id="marked" data={data} colour="#e8710a" accuracyOpacity={0.18} />;
}

/** The dot and its accuracy circle, drawn above everything else while the control is on. */
export function PositionLayers() {
  const mode = useAtlas((state) => state.locate.mode);
  const position = useAtlas((state) => state.locate.position);
  const data = useMemo(() => (position ? positionCollection(position) : null), [position]);
  return (
    <>
      <MarkedPositionLayers />
      {mode !== 'off' && data && (
        <PositionSource id="device" data={data} colour="#1a73e8" accuracyOpacity={0.15} outline />
      )}
    </>
  );
}

/**
 * A position as a dot in its accuracy circle (positionCollection's parts): `device` the tablet's own
 * (blue, with the circle's outline), `marked` one recorded with an inspection (orange).
 */
function PositionSource({
  id,
  data,
  colour,
  accuracyOpacity,
  outline = false,
}: {
  id: 'device' | 'marked';
  data: FeatureCollection;
  colour: string;
  accuracyOpacity: number;
  outline?: boolean;
}) {
  return (
    <Source id={`${id}-position`} type="geojson" data={data}>
      <Layer
        id={`${id}-accuracy`}
        type="fill"
        filter={['==', ['get', 'part'], 'accuracy']}
        paint={{ 'fill-color': colour, 'fill-opacity': accuracyOpacity }}
      />
      {outline && (
        <Layer
          id={`${id}-accuracy-line`}
          type="line"
          filter={['==', ['get', 'part'], 'accuracy']}
          paint={{ 'line-color': colour, 'line-width': 1.5, 'line-opacity': 0.6 }}
        />
      )}
      <Layer
        id={`${id}-dot`}
        type="circle"
        filter={['==', ['get', 'part'], 'dot']}
        paint={{
          'circle-radius': 8,
          'circle-color': colour,
          'circle-stroke-color': '#ffffff',
          'circle-stroke-width': 3,
        }}
      />
    </Source>
  );
}

/** 定位 turns the dot on and off; 跟随, while it is on, keeps the map on the dot until a hand pans it. */
export function LocateControl() {
  const { current: map } = useMap();
  const lang = useAtlas((state) => state.lang);
  const mode = useAtlas((state) => state.locate.mode);
  const position = useAtlas((state) => state.locate.position);
  const setMode = useAtlas((state) => state.setLocateMode);
  const flownTo = useRef(false);

  const on = mode !== 'off';
  useEffect(() => {
    if (!on) {
      flownTo.current = false;
      return;
    }
    return holdPosition();
  }, [on]);

  // The first fix is flown to; while following, every fix.
  useEffect(() => {
    if (!map || !position || mode === 'off') return;
    if (mode !== 'follow' && flownTo.current) return;
    flownTo.current = true;
    chooseView();
    const padding = freeMapPadding(map);
    map.easeTo({
      center: [position.lon, position.lat],
      zoom: Math.max(map.getZoom(), 17),
      offset: [(padding.left - padding.right) / 2, (padding.top - padding.bottom) / 2],
      duration: reducedMotion() ? 0 : 500,
    });
  }, [map, position, mode]);

  // A hand on the map ends following (the dot stays).
  useEffect(() => {
    if (!map) return;
    const stop = () => {
      if (useAtlas.getState().locate.mode === 'follow') setMode('shown');
    };
    map.on('dragstart', stop);
    return () => {
      map.off('dragstart', stop);
    };
  }, [map, setMode]);

  return (
    <div className="locate-control">
      <button
        type="button"
        className="locate-button"
        aria-pressed={mode !== 'off'}
        onClick={() => setMode(mode === 'off' ? 'shown' : 'off')}
      >
        <span aria-hidden="true" className="locate-icon" />
        {t(lang, 'locate')}
      </button>
      {mode !== 'off' && (
        <button
          type="button"
          className="locate-button"
          aria-pressed={mode === 'follow'}
          onClick={() => setMode(mode === 'follow' ? 'shown' : 'follow')}
        >
          {t(lang, 'follow')}
        </button>
      )}
    </div>
  );
}

/** The plots to look among: the loaded layer's, else those the server has around the position. */
function usePlotsAround(position: DevicePosition | null, active: boolean): readonly Feature[] | null {
  const loaded = useAtlas((state) => state.layers.plots);
  const tiled = useAtlas((state) => state.tiled.plots);
  const [fetched, setFetched] = useState<{ lon: number; lat: number; features: Feature[] } | null>(null);
  const needFetch =
    active &&
    !loaded &&
    tiled !== undefined &&
    position !== null &&
    (!fetched || metresBetween([fetched.lon, fetched.lat], [position.lon, position.lat]) > FETCH_MARGIN_M);
  const lon = position?.lon;
  const lat = position?.lat;
  useEffect(() => {
    if (!needFetch || lon === undefined || lat === undefined) return;
    const controller = new AbortController();
    getFeaturesInBox('plots', boxAround([lon, lat], NEAR_RADIUS_M + FETCH_MARGIN_M), controller.signal).then(
      (answer) => setFetched({ lon, lat, features: answer.features as unknown as Feature[] }),
      () => {
        // Offline or refused: the banner says nothing about plots until a fetch succeeds.
      },
    );
    return () => controller.abort();
  }, [needFetch, lon, lat]);
  if (loaded) return loaded.collection.features;
  return fetched?.features ?? null;
}

/** Names the plot the inspector stands in, or the nearest ones; says why there is no position. */
export function WhereBanner() {
  const maps = useMap();
  const lang = useAtlas((state) => state.lang);
  const { mode, position, error } = useAtlas((state) => state.locate);
  const plots = usePlotsAround(position, mode !== 'off');
  const where = useMemo(
    () =>
      position && plots ? whereAmI([position.lon, position.lat], plots, { radiusM: NEAR_RADIUS_M }) : null,
    [position, plots],
  );
  if (mode === 'off') return null;
  const open = (id: string) => {
    const map = maps.main;
    if (map) void showFeatureById(map, 'plots', id);
  };
  let body: React.ReactNode;
  if (error && !position) {
    body = <span className="where-error">{t(lang, ERROR_KEY[error])}</span>;
  } else if (!position || !where) {
    body = t(lang, 'locating');
  } else if (where.inside) {
    const id = where.inside;
    body = (
      <>
        <strong>{t(lang, 'youAreIn', { id })}</strong>
        <button type="button" className="where-link" onClick={() => open(id)}>
          {t(lang, 'openPlot', { id })}
        </button>
      </>
    );
  } else if (where.nearest.length === 0) {
    body = t(lang, 'noPlotNearby');
  } else {
    body = (
      <>
        {t(lang, 'nearbyPlots')}
        {where.nearest.map((near) => (
          <button key={near.id} type="button" className="where-link" onClick={() => open(near.id)}>
            {t(lang, 'nearbyPlot', { id: near.id, m: Math.round(near.distanceM) })}
          </button>
        ))}
      </>
    );
  }
  return (
    <div className={error && !position ? 'where-banner where-banner-error' : 'where-banner'} role="status">
      {body}
      {position && (
        <span className="where-accuracy">
          {t(lang, 'positionAccuracy', { m: Math.round(position.accuracy) })}
        </span>
      )}
    </div>
  );
}
