// Who is signed in, and the way in and out. At start GET /api/session (public: a first visit logs no
// failed request) decides: signed in → load the layers; not → the login screen, or the setup page for
// `/setup?token=…`. Any later 401 ends the session here and brings the login screen back.
import type { Me } from '../../domain/wire.ts';
import { onUnauthorized } from '../api/client.ts';
import { getSession, getSettings, logout } from '../api/endpoints.ts';
import { clearLayerCache } from './layer-cache.ts';
import { emptyLayerData } from './layers-slice.ts';
import { loadLayers } from './load-layers.ts';
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

async function loadAppLayers(me: Me): Promise<void> {
  useAtlas.setState({ loading: true });
  const result = await loadLayers(appBase(), me.user.username);
  // Logged out (or the session ended) while loading: keep nothing.
  if (useAtlas.getState().session.status !== 'signed-in') return;
  useAtlas.getState().setLoaded(result.layers, result.reports, result.tiled);
}

function forgetData(): void {
  useAtlas.setState({ ...emptyLayerData(), selection: SELECT_NONE });
  useAtlas.getState().resetDrawing();
}

/** After a login or the setup: remember who, then load the layers. */
export function signedIn(me: Me): void {
  useAtlas.getState().setSession({ status: 'signed-in', me, setupNeeded: false, notice: null });
  void loadSettings();
  void loadAppLayers(me);
}

const NOTICE_KEY = 'land-atlas:notice';

export async function startSession(): Promise<void> {
  onUnauthorized(() => {
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
  });
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
    else useAtlas.getState().setSession({ status: 'signed-out', setupNeeded: info.setupNeeded, notice });
  } catch {
    // The server could not be asked: the login screen says what goes wrong when it is tried.
    useAtlas.getState().setSession({ status: 'signed-out' });
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
  await clearLayerCache();
  forgetData();
  const url = new URL(appBase());
  const lang = new URL(window.location.href).searchParams.get('lang');
  if (lang) url.searchParams.set('lang', lang);
  window.location.replace(url.href);
}
