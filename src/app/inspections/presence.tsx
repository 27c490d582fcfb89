// Proof of presence for 记录巡查: while the form is open the device's position is watched; the form shows
// it (accuracy, inside the plot or how far), warns when it does not prove presence (none, worse than
// ±30 m, more than 200 m from the plot: src/geo/locate.ts presenceDoubts) and then asks for a reason to
// save anyway. The inspection carries the latest position and the reason (POST /api/inspections).
import type { Geometry } from 'geojson';
import { useEffect, useId, useMemo, useState } from 'react';
import type { Lang } from '../../domain/i18n.ts';
import type { InspectionPosition } from '../../domain/wire.ts';
import { distanceToPlotM, type PresenceDoubt, presenceDoubts } from '../../geo/locate.ts';
import { holdPosition } from '../state/geolocation.ts';
import { useAtlas } from '../state/store.ts';
import { tr } from './strings.ts';

function doubtText(lang: Lang, doubt: PresenceDoubt): string {
  if (doubt.kind === 'no-position') return tr(lang, 'doubtNoPosition');
  if (doubt.kind === 'inaccurate') return tr(lang, 'doubtInaccurate', { m: Math.round(doubt.accuracyM) });
  return tr(lang, 'doubtFar', { m: Math.round(doubt.distanceM) });
}

const clock = (iso: string) => new Date(iso).toTimeString().slice(0, 8);

/** The plot's outline, from the loaded layer or the fetched copy of a tiled one. */
function usePlotGeometry(plotId: string): Geometry | null {
  const loaded = useAtlas((state) => state.layers.plots?.byId.get(plotId));
  const fetched = useAtlas((state) =>
    state.fetched?.status === 'ready' && state.fetched.layer === 'plots' && state.fetched.id === plotId
      ? state.fetched.feature
      : undefined,
  );
  return (loaded ?? fetched)?.geometry ?? null;
}

export interface Presence {
  /** The fields for the form's body. */
  field: React.ReactNode;
  /**
   * At save: the position and reason to send, or the problem to show (a reason is needed and missing).
   */
  take(): { problem: string } | { fields: { position?: InspectionPosition; positionNote?: string } };
}

export function usePresence(lang: Lang, plotId: string): Presence {
  useEffect(() => holdPosition(), []);
  const position = useAtlas((state) => state.locate.position);
  const locateError = useAtlas((state) => state.locate.error);
  const geometry = usePlotGeometry(plotId);
  const [reason, setReason] = useState('');
  const [asked, setAsked] = useState(false);
  const reasonId = useId();
  const doubts = useMemo(() => presenceDoubts(position, geometry), [position, geometry]);
  const distance = position && geometry ? distanceToPlotM(geometry, [position.lon, position.lat]) : null;

  const field = (
    <div className="field presence" data-testid="presence">
      <span>{tr(lang, 'position')}</span>
      <p className="presence-now">
        {position
          ? `${tr(lang, 'positionValue', { m: Math.round(position.accuracy), time: clock(position.time) })}${
              distance === null
                ? ''
                : ` · ${distance === 0 ? tr(lang, 'presenceInside') : tr(lang, 'presenceDistance', { m: Math.round(distance) })}`
            }`
          : tr(lang, 'presenceWaiting')}
      </p>
      {doubts.length > 0 && (position !== null || asked || locateError !== null) && (
        <div className="presence-warning" data-testid="presence-warning">
          <ul id={`${reasonId}-doubts`}>
            {doubts.map((doubt) => (
              <li key={doubt.kind}>{doubtText(lang, doubt)}</li>
            ))}
          </ul>
          <label className="presence-reason-label" htmlFor={reasonId}>
            {tr(lang, 'presenceReason')}
            <span className="required-mark" aria-hidden="true">
              *
            </span>
          </label>
          <textarea
            id={reasonId}
            value={reason}
            rows={2}
            aria-required="true"
            aria-describedby={`${reasonId}-doubts ${reasonId}-hint`}
            onChange={(event) => setReason(event.target.value)}
          />
          <span className="hint" id={`${reasonId}-hint`}>
            {tr(lang, 'presenceReasonHint')}
          </span>
        </div>
      )}
    </div>
  );

  const take: Presence['take'] = () => {
    // The latest fix at the moment of saving, judged as it is sent.
    const now = useAtlas.getState().locate.position;
    const atSave = presenceDoubts(now, geometry);
    const note = reason.trim();
    if (atSave.length > 0 && note === '') {
      setAsked(true);
      return { problem: tr(lang, 'presenceReasonRequired') };
    }
    return {
      fields: {
        ...(now ? { position: { lon: now.lon, lat: now.lat, accuracy: now.accuracy, time: now.time } } : {}),
        ...(atSave.length > 0 ? { positionNote: note } : {}),
      },
    };
  };

  return { field, take };
}
