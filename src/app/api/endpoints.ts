// The API calls the app makes, one function each: answers checked, bodies typed, by the schemas the
// server holds to as well (src/domain/wire.ts).
import type { Geometry } from 'geojson';
import type { z } from 'zod';
import type { Lang } from '../../domain/i18n.ts';
import { reportAnswer } from '../../domain/report-wire.ts';
import type { SettingKey } from '../../domain/settings.ts';
import {
  feature,
  type featureCreate,
  type featurePatch,
  featuresInBox,
  historyPage,
  type ImportPreset,
  importPreset,
  importPresetList,
  importReport,
  inspectionList,
  type inspectionRequest,
  layerManifest,
  type loginRequest,
  me,
  photo,
  type Role,
  recordedInspection,
  session,
  type settingPut,
  settings,
  storedSetting,
  tableAnswer,
  tableBounds,
  user,
  userList,
} from '../../domain/wire.ts';
import { request, requestVoid } from './client.ts';

export const getSession = () => request(session, '/api/session', { authRequest: true });

export const getSettings = () => request(settings, '/api/settings');

/** One administrator's setting (src/domain/settings.ts) with its version (0: never saved, the default). */
export const getSetting = (key: SettingKey, signal?: AbortSignal) =>
  request(storedSetting, `/api/settings/${encodeURIComponent(key)}`, signal ? { signal } : {});

/** Saves a setting's whole new value from the version it was edited from (admins). */
export const putSetting = (key: SettingKey, version: number, value: unknown, idempotencyKey?: string) =>
  request(storedSetting, `/api/settings/${encodeURIComponent(key)}`, {
    method: 'PUT',
    body: { version, value } satisfies z.input<typeof settingPut>,
    ...(idempotencyKey ? { idempotencyKey } : {}),
  });

/** A setting's saves, newest first. */
export const getSettingHistory = (key: SettingKey, signal?: AbortSignal) =>
  request(
    historyPage,
    `/api/history?layer=settings&id=${encodeURIComponent(key)}&limit=50`,
    signal ? { signal } : {},
  );

/** Which layers the server has, how large, and which come as vector tiles. */
export const getLayerManifest = () => request(layerManifest, '/api/layers');

export const login = (username: string, password: string) =>
  request(me, '/api/login', {
    method: 'POST',
    body: { username, password } satisfies z.input<typeof loginRequest>,
    authRequest: true,
  });

export const logout = () => requestVoid('/api/logout', { method: 'POST', authRequest: true });

export const completeSetup = (token: string, username: string, password: string) =>
  request(me, '/api/setup', { method: 'POST', body: { token, username, password }, authRequest: true });

/**
 * The features of a layer whose box meets `box` (west, south, east, north), whole; `truncated` when the
 * server had more than it sends (src/server/routes/features-in-box.ts).
 */
export const getFeaturesInBox = (layer: string, box: readonly number[], signal?: AbortSignal) =>
  request(
    featuresInBox,
    `/api/layers/${encodeURIComponent(layer)}/features?bbox=${box.map((value) => String(value)).join(',')}`,
    signal ? { signal } : {},
  );

const featureUrl = (layer: string, id?: string) =>
  `/api/features/${encodeURIComponent(layer)}${id === undefined ? '' : `/${encodeURIComponent(id)}`}`;

/** One whole feature with its version (the inspector's copy of a feature of a tiled layer). */
export const getFeature = (layer: string, id: string, signal?: AbortSignal) =>
  request(feature, featureUrl(layer, id), signal ? { signal } : {});

/** A merge patch of the properties (null removes one), and a new outline if given, from `version`. */
export const patchFeature = (
  layer: string,
  id: string,
  version: number,
  properties: Record<string, unknown>,
  geometry?: Geometry,
  idempotencyKey?: string,
) =>
  request(feature, featureUrl(layer, id), {
    method: 'PATCH',
    body: { version, properties, ...(geometry ? { geometry } : {}) } satisfies z.input<typeof featurePatch>,
    ...(idempotencyKey ? { idempotencyKey } : {}),
  });

export const createFeature = (
  layer: string,
  properties: Record<string, unknown>,
  geometry: Geometry,
  idempotencyKey?: string,
) =>
  request(feature, featureUrl(layer), {
    method: 'POST',
    body: { properties, geometry } satisfies z.input<typeof featureCreate>,
    ...(idempotencyKey ? { idempotencyKey } : {}),
  });

export const deleteFeature = (layer: string, id: string, version: number, idempotencyKey?: string) =>
  requestVoid(`${featureUrl(layer, id)}?version=${version}`, {
    method: 'DELETE',
    ...(idempotencyKey ? { idempotencyKey } : {}),
  });

export const getPlotInspections = (plotId: string, signal?: AbortSignal) =>
  request(inspectionList, `/api/plots/${encodeURIComponent(plotId)}/inspections`, signal ? { signal } : {});

export const getFeatureHistory = (layer: string, id: string, signal?: AbortSignal) =>
  request(
    historyPage,
    `/api/history?layer=${encodeURIComponent(layer)}&id=${encodeURIComponent(id)}&limit=50`,
    signal ? { signal } : {},
  );

/**
 * The body of POST /api/inspections (src/domain/wire.ts) as the form holds it: status and mode as the
 * strings it picked (the server judges them), and always the client id and the plot version seen.
 */
export type NewInspection = Omit<
  z.input<typeof inspectionRequest>,
  'status' | 'mode' | 'clientId' | 'plotVersion'
> & { status: string; mode?: string; clientId: string; plotVersion: number };

export const recordInspection = (input: NewInspection, idempotencyKey?: string) =>
  request(recordedInspection, '/api/inspections', {
    method: 'POST',
    body: input,
    ...(idempotencyKey ? { idempotencyKey } : {}),
  });

/** A photo of an inspection, named by its id or by the client id it was recorded with. */
export function uploadPhoto(inspectionId: string, file: Blob, name: string, idempotencyKey?: string) {
  const form = new FormData();
  form.append('photo', file, name);
  return request(photo, `/api/inspections/${encodeURIComponent(inspectionId)}/photos`, {
    method: 'POST',
    body: form,
    ...(idempotencyKey ? { idempotencyKey } : {}),
  });
}

/** The progress report (进度通报) from `since` (YYYY-MM-DD) to today, over the whole layers. */
export const getReport = (since: string, signal?: AbortSignal) =>
  request(reportAnswer, `/api/report?since=${encodeURIComponent(since)}`, signal ? { signal } : {});

/** Where the report's workbook is downloaded from (a plain link: the browser saves it), in the app's language. */
export const reportWorkbookUrl = (since: string, lang: Lang) =>
  `/api/report.xlsx?since=${encodeURIComponent(since)}${lang === 'en' ? '&lang=en' : ''}`;

/** Every row of a layer's data table: properties, park, area, last inspection (src/server/routes/table.ts). */
export const getTable = (layer: string, signal?: AbortSignal) =>
  request(tableAnswer, `/api/table/${encodeURIComponent(layer)}`, signal ? { signal } : {});

/** How many rows of a layer's table a filter keeps, and the box around them (the map fits it). */
export const getTableBounds = (layer: string, query: URLSearchParams, signal?: AbortSignal) => {
  const search = query.toString();
  return request(
    tableBounds,
    `/api/table/${encodeURIComponent(layer)}/bounds${search ? `?${search}` : ''}`,
    signal ? { signal } : {},
  );
};

/**
 * The address of the Excel export of a layer's table with a filter and sort (a download, not a fetch),
 * in the app's language (Chinese, the server's default, needs no parameter).
 */
export function tableExportUrl(layer: string, query: URLSearchParams, lang: Lang): string {
  const params = new URLSearchParams(query);
  if (lang === 'en') params.set('lang', 'en');
  const search = params.toString();
  return `/api/table/${encodeURIComponent(layer)}.xlsx${search ? `?${search}` : ''}`;
}

/** Every account (administrators only: GET /api/users). */
export const listUsers = () => request(userList, '/api/users');

export const createUser = (username: string, role: Role, password: string) =>
  request(user, '/api/users', { method: 'POST', body: { username, role, password } });

/** Changes an account's role, password or disabled flag (administrators only). */
export const changeUser = (
  username: string,
  change: { role?: Role; password?: string; disabled?: boolean },
) => request(user, `/api/users/${encodeURIComponent(username)}`, { method: 'PATCH', body: change });

/**
 * One's own new password. A wrong current password is a 401 that is an answer, not an ended session
 * (authRequest): the form says so and the person stays signed in.
 */
export const changeOwnPassword = (currentPassword: string, newPassword: string) =>
  requestVoid('/api/me/password', {
    method: 'POST',
    body: { currentPassword, newPassword },
    authRequest: true,
  });

/** The layer's saved field mappings (administrators). */
export const listImportPresets = (layer: string) =>
  request(importPresetList, `/api/import-presets?layer=${encodeURIComponent(layer)}`);

export const saveImportPreset = (layer: string, name: string, mapping: ImportPreset['mapping']) =>
  request(importPreset, `/api/import-presets/${encodeURIComponent(layer)}/${encodeURIComponent(name)}`, {
    method: 'PUT',
    body: mapping,
  });

/**
 * A whole layer, replaced or merged, all or nothing (POST /api/import/:layer): 422 with the validator's
 * problems or with the features changed on the server since the file was exported (conflicts).
 */
export const importLayer = (
  layer: string,
  collection: { type: 'FeatureCollection'; features: unknown[] },
  mode: 'replace' | 'merge',
  onConflict: 'refuse' | 'overwrite',
) =>
  request(importReport, `/api/import/${encodeURIComponent(layer)}?mode=${mode}&onConflict=${onConflict}`, {
    method: 'POST',
    body: collection,
  });

export type ExportFormat = 'geojson' | 'shp' | 'kml' | 'csv' | 'txt';

/**
 * The address of a layer's export (GET /api/export/:layer, any signed-in role; a download with its file
 * name): `encoding` for a Shapefile or TXT, `zone` the Gauss-Krüger system of a Shapefile's .prj or a
 * TXT, `id` one feature (the 勘测定界 TXT of a plot or zone).
 */
export function exportUrl(
  layer: string,
  options: { format: ExportFormat; encoding?: 'utf-8' | 'gbk'; zone?: string; id?: string },
): string {
  const query = new URLSearchParams({ format: options.format });
  if (options.encoding) query.set('encoding', options.encoding);
  if (options.zone) query.set('zone', options.zone);
  if (options.id !== undefined) query.set('id', options.id);
  return `/api/export/${encodeURIComponent(layer)}?${query.toString()}`;
}
