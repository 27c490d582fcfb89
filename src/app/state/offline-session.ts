// Who was signed in on this device, kept in localStorage so that the app opens offline as that person:
// the server's own answer (user, role, what they may do; no token — the session cookie is HttpOnly and
// the server checks every write when it is sent), which layers come as tiles, and when the layers were
// last known current. Written at every sign-in and every load from the server; removed by signing out
// and when the server says there is no session. Offline the app trusts it only to show what this device
// already holds.
import { z } from 'zod';
import { me } from '../../domain/wire.ts';
import type { TiledLayers } from './layer-data.ts';

const KEY = 'land-atlas:signed-in';

const kept = z.object({
  me,
  tiled: z.record(z.string(), z.object({ count: z.number(), revision: z.string() })).default({}),
  dataAsOf: z.number().nullable().default(null),
});

export interface KeptSession {
  me: z.infer<typeof me>;
  tiled: TiledLayers;
  dataAsOf: number | null;
}

export function keptSession(): KeptSession | null {
  try {
    const text = localStorage.getItem(KEY);
    if (!text) return null;
    const parsed = kept.safeParse(JSON.parse(text));
    return parsed.success ? (parsed.data as KeptSession) : null;
  } catch {
    return null;
  }
}

function write(session: KeptSession): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(session));
  } catch {
    // No storage (a locked-down browser): the app simply does not open offline.
  }
}

/** After a sign-in: remember who, keeping what was known of the layers if it is the same person. */
export function keepSignedIn(who: KeptSession['me']): void {
  const before = keptSession();
  const same = before?.me.user.username === who.user.username;
  write({ me: who, tiled: same ? before.tiled : {}, dataAsOf: same ? before.dataAsOf : null });
}

/** After a load from the server: which layers are tiles, and that the data is current as of `time`. */
export function keepLayerState(user: string, tiled: TiledLayers, time: number): void {
  const before = keptSession();
  if (before?.me.user.username !== user) return;
  write({ ...before, tiled, dataAsOf: time });
}

export function forgetSignedIn(): void {
  try {
    localStorage.removeItem(KEY);
  } catch {
    // Nothing kept.
  }
}
