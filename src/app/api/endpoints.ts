// The API calls the app makes, one function each, typed by their zod schemas.
import type { Geometry } from 'geojson';
import { me, photo, session } from '../../domain/wire.ts';
import { request, requestVoid } from './client.ts';
import * as s from './schemas.ts';

export const getSession = () => request(session, '/api/session', { authRequest: true });

export const login = (username: string, password: string) =>
  request(me, '/api/login', { method: 'POST', body: { username, password }, authRequest: true });

export const logout = () => requestVoid('/api/logout', { method: 'POST', authRequest: true });

export const completeSetup = (token: string, username: string, password: string) =>
  request(me, '/api/setup', { method: 'POST', body: { token, username, password }, authRequest: true });

const featureUrl = (layer: string, id?: string) =>
  `/api/features/${encodeURIComponent(layer)}${id === undefined ? '' : `/${encodeURIComponent(id)}`}`;

/** A merge patch of the properties (null removes one), and a new outline if given, from `version`. */
export const patchFeature = (
  layer: string,
  id: string,
  version: number,
  properties: Record<string, unknown>,
  geometry?: Geometry,
) =>
  request(s.feature, featureUrl(layer, id), {
    method: 'PATCH',
    body: { version, properties, ...(geometry ? { geometry } : {}) },
  });

export const createFeature = (layer: string, properties: Record<string, unknown>, geometry: Geometry) =>
  request(s.feature, featureUrl(layer), { method: 'POST', body: { properties, geometry } });

export const deleteFeature = (layer: string, id: string, version: number) =>
  requestVoid(`${featureUrl(layer, id)}?version=${version}`, { method: 'DELETE' });

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
