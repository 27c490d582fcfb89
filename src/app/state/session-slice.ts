// The session slice: who is signed in and what they may do. The way in and out (GET /api/session, login,
// logout, a 401 that ends the session) is src/app/state/session.ts.
import type { Me } from '../../domain/wire.ts';
import type { SliceCreator } from './slice.ts';

export type AuthStatus = 'checking' | 'signed-out' | 'signed-in';

export interface SessionState {
  status: AuthStatus;
  me: Me | null;
  /** No users yet: the first admin is made on the setup page. */
  setupNeeded: boolean;
  /** Why the login screen is back (the session ended), if it is not the first visit. */
  notice: 'session-ended' | null;
}

export interface SessionSlice {
  session: SessionState;
  setSession(patch: Partial<SessionState>): void;
}

export const createSessionSlice: SliceCreator<SessionSlice> = (set) => ({
  session: { status: 'checking', me: null, setupNeeded: false, notice: null },
  setSession: (patch) => set((state) => ({ session: { ...state.session, ...patch } })),
});

/** May the signed-in user edit the attributes of this layer? */
export function canEdit(me: Me | null, layer: string): boolean {
  return Boolean(me?.can.editLayers.includes(layer));
}
