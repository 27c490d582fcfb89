// The API calls the app makes, one function each, typed by their zod schemas.
import { me, photo, type Session, session } from '../../domain/wire.ts';
import { request, requestVoid, send } from './client.ts';
import * as s from './schemas.ts';

export type SessionInfo = Session;

export const getSession = () => request(session, '/api/session', { authRequest: true });

export const getMe = () => request(me, '/api/me');

export const login = (username: string, password: string) =>
  request(me, '/api/login', { method: 'POST', body: { username, password }, authRequest: true });

export const logout = () => requestVoid('/api/logout', { method: 'POST', authRequest: true });

export const getSetupStatus = () => request(s.setupStatus, '/api/setup', { authRequest: true });

export const completeSetup = (token: string, username: string, password: string) =>
  request(me, '/api/setup', { method: 'POST', body: { token, username, password }, authRequest: true });

/** A layer as text, for the same validator as a file (src/geo/validate.ts). */
export async function getLayerText(layer: string): Promise<string> {
  const response = await send(`/api/layers/${encodeURIComponent(layer)}`);
  return response.text();
}

export const getFeature = (layer: string, id: string) =>
  request(s.feature, `/api/features/${encodeURIComponent(layer)}/${encodeURIComponent(id)}`);

export const patchFeature = (
  layer: string,
  id: string,
  version: number,
  properties: Record<string, unknown>,
) =>
  request(s.feature, `/api/features/${encodeURIComponent(layer)}/${encodeURIComponent(id)}`, {
    method: 'PATCH',
    body: { version, properties },
  });

export const getPlotInspections = (plotId: string, signal?: AbortSignal) =>
  request(s.inspectionList, `/api/plots/${encodeURIComponent(plotId)}/inspections`, signal ? { signal } : {});

export const getFeatureHistory = (layer: string, id: string, signal?: AbortSignal) =>
  request(
    s.historyPage,
    `/api/history?layer=${encodeURIComponent(layer)}&id=${encodeURIComponent(id)}&limit=50`,
    signal ? { signal } : {},
  );

export interface NewInspection {
  plotId: string;
  date: string;
  findings: string;
  status: string;
  mode?: string;
  notes?: string;
  clientId: string;
  plotVersion: number;
}

export const recordInspection = (input: NewInspection) =>
  request(s.recordedInspection, '/api/inspections', { method: 'POST', body: input });

export function uploadPhoto(inspectionId: string, file: File) {
  const form = new FormData();
  form.append('photo', file, file.name);
  return request(photo, `/api/inspections/${encodeURIComponent(inspectionId)}/photos`, {
    method: 'POST',
    body: form,
  });
}
