// Who is signed in, and the way in and out. At start GET /api/session (public: a first visit logs no
// failed request) decides: signed in → load the layers; not → the login screen, or the setup page for
// `/setup?token=…`. Any later 401 ends the session here and brings the login screen back.
// Offline (the server cannot be reached) the person last signed in on this device opens the app as
// themselves with the layers the device holds (offline-session.ts); back online, the session is asked
// again (ended → the login screen, with every draft and queued write kept) and the layers refreshed by
// their ETags.
import type { Me } from '../../domain/wire.ts';
import { ApiError, onUnauthorized } from '../api/client.ts';
import { getSession, getSettings, logout } from '../api/endpoints.ts';
import { clearLayerCache } from './layer-cache.ts';
import { emptyLayerData } from './layers-slice.ts';
import { loadLayers } from './load-layers.ts';
import { forgetSignedIn, keepLayerState, keepSignedIn, keptSession } from './offline-session.ts';
import { clearResponseCaches } from './response-cache.ts';
import { SELECT_NONE } from './selection.ts';
import type { SessionState } from './session-slice.ts';
import { useAtlas } from './store.ts';

function appBase(): string {
  return new URL(import.meta.env.BASE_URL, window.location.href).href;
}

/** The server's settings (the Tianditu key); a key in the address (?tk=) still wins, for trying one out. */
async function loadSettings(): Promise<void> {
  try {
    const answer = await getSettings();
    if (useAtlas.getState().tiandituKey === null) useAtlas.setState({ tiandituKey: answer.tiandituKey });
  } catch {
    // Without them the online basemaps that need a key are simply not offered.
  }
}

/**
 * Loads the layers (a refresh when back online: `refresh`, where layers the server still has as they
 * were — every answer a 304 — are left on the map as they are).
 */
async function loadAppLayers(me: Me, refresh = false): Promise<void> {
  const user = me.user.username;
  if (!refresh) useAtlas.setState({ loading: true });
  const kept = keptSession();
  const result = await loadLayers(appBase(), user, kept?.me.user.username === user ? kept.tiled : undefined);
  // Logged out (or the session ended) while loading: keep nothing.
  const state = useAtlas.getState();
  if (state.session.status !== 'signed-in') return;
  const now = Date.now();
  const allOk = result.reports.every((report) => report.ok);
  if (!result.fromDevice && allOk) keepLayerState(user, result.tiled, now);
  state.setNetwork({
    fromDevice: result.fromDevice,
    dataAsOf: result.fromDevice ? (kept?.dataAsOf ?? null) : now,
  });
  const stale = state.network.fromDevice || state.reports.some((report) => !report.ok);
  if (!refresh || result.changed || stale) state.setLoaded(result.layers, result.reports, result.tiled);
}

function forgetData(): void {
  useAtlas.setState({ ...emptyLayerData(), selection: SELECT_NONE, screen: null, importPreview: null });
  useAtlas.getState().resetDrawing();
}

/** The layers again from the server (after an import): unchanged ones answer 304 and stay as they are. */
export async function reloadLayers(): Promise<void> {
  const { me } = useAtlas.getState().session;
  if (me) await loadAppLayers(me, true);
}

/** After a login or the setup: remember who, then load the layers. */
export function signedIn(me: Me): void {
  keepSignedIn(me);
  useAtlas.getState().setSession({ status: 'signed-in', me, setupNeeded: false, notice: null });
  void loadSettings();
  void loadAppLayers(me);
}

const NOTICE_KEY = 'land-atlas:notice';

/** Offline: opens the app as the person last signed in here, with the layers the device holds. */
function signedInOffline(me: Me): void {
  useAtlas.getState().setSession({ status: 'signed-in', me, setupNeeded: false, notice: null });
  void loadAppLayers(me);
}

/** Back online: is the session still valid (else the login screen), and are the layers current? */
async function reconnected(): Promise<void> {
  const { session } = useAtlas.getState();
  if (session.status !== 'signed-in' || !session.me) return;
  let info: Awaited<ReturnType<typeof getSession>>;
  try {
    info = await getSession();
  } catch {
    return; // Still unreachable: the next `online` event tries again.
  }
  if (!info.signedIn || info.user.username !== session.me.user.username) {
    sessionEnded();
    return;
  }
  void loadSettings();
  await loadAppLayers(session.me, true);
}

/**
 * The server says the session has ended (a 401, or no session after being offline): the login screen,
 * saying why. Nothing on the device is deleted — the layers, drafts and queued writes stay, keyed by
 * user, for when the same person signs in again.
 */
function sessionEnded(): void {
  if (useAtlas.getState().session.status !== 'signed-in') return;
  // Start afresh at the same address (the map view in the hash comes back after the login), and
  // say why on the login screen.
  forgetData();
  useAtlas.getState().setSession({ status: 'signed-out', me: null, notice: 'session-ended' });
  try {
    sessionStorage.setItem(NOTICE_KEY, 'session-ended');
    window.location.reload();
  } catch {
    // No storage (a locked-down browser): the login screen is shown in place instead.
  }
}

function watchNetwork(): void {
  window.addEventListener('online', () => {
    useAtlas.getState().setNetwork({ online: true });
    void reconnected();
  });
  window.addEventListener('offline', () => useAtlas.getState().setNetwork({ online: false }));
}

export async function startSession(): Promise<void> {
  watchNetwork();
  onUnauthorized(sessionEnded);
  let notice: SessionState['notice'] = null;
  try {
    if (sessionStorage.getItem(NOTICE_KEY) === 'session-ended') notice = 'session-ended';
    sessionStorage.removeItem(NOTICE_KEY);
  } catch {
    // No storage: no notice to carry.
  }
  try {
    const info = await getSession();
    if (info.signedIn) signedIn({ user: info.user, can: info.can });
    else {
      forgetSignedIn();
      useAtlas.getState().setSession({ status: 'signed-out', setupNeeded: info.setupNeeded, notice });
    }
  } catch (error) {
    const kept = keptSession();
    if (kept && error instanceof ApiError && error.status === 0) signedInOffline(kept.me);
    // The server could not be asked: the login screen says what goes wrong when it is tried.
    else useAtlas.getState().setSession({ status: 'signed-out' });
  }
}

/**
 * Logs out and starts the page afresh at the app's address (keeping ?lang=en): nothing the last person
 * saw — layers, analysis results, drafts in any panel — stays in memory on a shared tablet.
 */
export async function signOut(): Promise<void> {
  try {
    await logout();
  } catch {
    // The cookie is HttpOnly: if the server cannot be told, the session simply expires there.
  }
  // The layers, the session kept for offline and the tiles and tables seen go; drafts and queued writes stay (keyed
  // by user, shown and sent only to the same person when they sign in again).
  forgetSignedIn();
  await Promise.all([clearLayerCache(), clearResponseCaches()]);
  forgetData();
  const url = new URL(appBase());
  const lang = new URL(window.location.href).searchParams.get('lang');
  if (lang) url.searchParams.set('lang', lang);
  window.location.replace(url.href);
}
