// Where an inspection was recorded, in its record: 定位 ±12 米 (the time of the fix) with a button that
// shows the point and its accuracy circle on the map, and the reason given when it was saved without
// proof of presence.

import { useMap } from 'react-map-gl/maplibre';
import type { Lang } from '../../domain/i18n.ts';
import type { Inspection } from '../../domain/wire.ts';
import { showMarkedPosition } from '../map/locate.tsx';
import { tr } from './strings.ts';

const clock = (iso: string) => new Date(iso).toTimeString().slice(0, 8);

export function RecordedPosition({ lang, inspection }: { lang: Lang; inspection: Inspection }) {
  const maps = useMap();
  const { position, positionNote } = inspection;
  return (
    <>
      <div>
        <dt>{tr(lang, 'position')}</dt>
        <dd className="recorded-position">
          {position ? (
            <>
              {tr(lang, 'positionValue', { m: Math.round(position.accuracy), time: clock(position.time) })}{' '}
              <button
                type="button"
                className="text-button"
                aria-label={tr(lang, 'showOnMapOf', { date: inspection.date })}
                onClick={() => {
                  const map = maps.main;
                  if (map) showMarkedPosition(map, position);
                }}
              >
                {tr(lang, 'showOnMap')}
              </button>
            </>
          ) : (
            tr(lang, 'positionNone')
          )}
        </dd>
      </div>
      {positionNote && (
        <div>
          <dt>{tr(lang, 'positionNote')}</dt>
          <dd className="record-text">{positionNote}</dd>
        </div>
      )}
    </>
  );
}
