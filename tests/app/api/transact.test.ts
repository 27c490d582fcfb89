// The app's one write path against the real server: a 409 is merged three ways, so edits of different
// fields by two people both stand without asking, and only a field both changed comes back as a
// conflict, with who changed it and when.
import { randomUUID } from 'node:crypto';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { type Intent, resolve, transact } from '../../../src/app/api/transact.ts';
import { startServer, type TestServer } from '../../server/helpers.ts';

let app: TestServer;
let plannerCookie = '';
let inspectorCookie = '';
let otherCookie = '';
let cookie = '';
let plot = 0;

beforeAll(async () => {
  app = await startServer({
    users: { planner: 'planner', planner2: 'planner', inspector: 'inspector' },
    plots: 12,
  });
  plannerCookie = await app.login('planner');
  otherCookie = await app.login('planner2');
  inspectorCookie = await app.login('inspector');
  // The app's fetch, answered by the real server with the signed-in person's cookie.
  vi.stubGlobal('fetch', async (path: string, init: RequestInit = {}) => {
    const response = await app.server.inject({
      method: (init.method ?? 'GET') as InjectOptions['method'],
      url: path,
      headers: { ...(init.headers as Record<string, string>), cookie },
      ...(typeof init.body === 'string' ? { payload: init.body } : {}),
    });
    return new Response(response.statusCode === 304 ? null : response.body, {
      status: response.statusCode,
      headers: response.headers as Record<string, string>,
    });
  });
});

afterAll(async () => {
  vi.unstubAllGlobals();
  await app?.server.close();
});

let plotId = '';
beforeEach(() => {
  plot += 1;
  plotId = `HS-T-${String(plot).padStart(4, '0')}`;
});

async function current(id: string) {
  const response = await app.server.inject({
    url: `/api/features/plots/${id}`,
    headers: { cookie: plannerCookie },
  });
  return response.json().properties as Record<string, unknown>;
}

async function otherChanges(id: string, version: number, properties: Record<string, unknown>) {
  const response = await app.server.inject({
    method: 'PATCH',
    url: `/api/features/plots/${id}`,
    headers: { cookie: otherCookie },
    payload: { version, properties },
  });
  expect(response.statusCode).toBe(200);
}

const edit = (base: Record<string, unknown>, changes: Record<string, unknown>): Intent => ({
  kind: 'edit-feature',
  id: `edit-${plotId}`,
  layer: 'plots',
  featureId: plotId,
  base,
  changes,
});

describe('transact: edits of a plot', () => {
  it('saves an edit from the current version as it is', async () => {
    cookie = plannerCookie;
    const base = await current(plotId);
    const outcome = await transact(edit(base, { grade: 'A' }));
    expect(outcome).toMatchObject({ status: 'saved', mergedTheirs: [] });
    expect(await current(plotId)).toMatchObject({ grade: 'A', version: 2 });
  });

  it('two people change different fields from version 1: both changes stand, nobody is asked', async () => {
    cookie = plannerCookie;
    const base = await current(plotId);
    await otherChanges(plotId, 1, { mode: 'acquisition' });
    const outcome = await transact(edit(base, { status: 'completed', notes: '已签订整治协议' }));
    expect(outcome).toMatchObject({ status: 'saved', mergedTheirs: ['mode'] });
    expect(await current(plotId)).toMatchObject({
      status: 'completed',
      notes: '已签订整治协议',
      mode: 'acquisition',
      version: 3,
    });
  });

  it('both change the status: only the status is asked about, with who changed it; keeping mine saves mine and the rest', async () => {
    cookie = plannerCookie;
    const base = await current(plotId);
    await otherChanges(plotId, 1, { status: 'inspected', mode: 'acquisition' });
    const outcome = await transact(edit(base, { status: 'completed', grade: 'B' }));
    if (outcome.status !== 'conflict') throw new Error(`expected a conflict, got ${outcome.status}`);
    const { conflict } = outcome;
    expect(conflict.fields).toEqual([
      { name: 'status', base: 'identified', mine: 'completed', theirs: 'inspected' },
    ]);
    expect(conflict.changedBy.status).toMatchObject({ actor: 'planner2', version: 2 });
    expect(Number.isNaN(Date.parse(conflict.changedBy.status?.at ?? ''))).toBe(false);
    // Nothing was saved while the person decides.
    expect(await current(plotId)).toMatchObject({ status: 'inspected', grade: 'C', version: 2 });
    const kept = await resolve(conflict, ['status']);
    expect(kept).toMatchObject({ status: 'saved' });
    expect(await current(plotId)).toMatchObject({
      status: 'completed',
      grade: 'B',
      mode: 'acquisition',
      version: 3,
    });
  });

  it('taking theirs for the one conflicting field still saves the person’s other changes', async () => {
    cookie = plannerCookie;
    const base = await current(plotId);
    await otherChanges(plotId, 1, { status: 'inspected' });
    const outcome = await transact(edit(base, { status: 'completed', grade: 'D' }));
    if (outcome.status !== 'conflict') throw new Error(`expected a conflict, got ${outcome.status}`);
    await resolve(outcome.conflict, []);
    expect(await current(plotId)).toMatchObject({ status: 'inspected', grade: 'D', version: 3 });
  });

  it('taking theirs when the person changed nothing else sends nothing', async () => {
    cookie = plannerCookie;
    const base = await current(plotId);
    await otherChanges(plotId, 1, { status: 'inspected' });
    const outcome = await transact(edit(base, { status: 'completed' }));
    if (outcome.status !== 'conflict') throw new Error(`expected a conflict, got ${outcome.status}`);
    expect(await resolve(outcome.conflict, [])).toMatchObject({ status: 'saved' });
    expect(await current(plotId)).toMatchObject({ status: 'inspected', version: 2 });
  });
});

/** An inspection that finds the plot 已核查, from the version on screen (`base`, version 1). */
const inspectedFrom = (base: Record<string, unknown>): Intent => ({
  kind: 'record-inspection',
  id: `inspection-${plotId}`,
  base,
  input: {
    plotId,
    date: '2026-11-30',
    findings: '现场核实',
    status: 'inspected',
    clientId: randomUUID(),
    plotVersion: 1,
  },
});

describe('transact: inspections', () => {
  it('an inspection on a plot whose mode changed meanwhile is recorded with its status, the mode kept', async () => {
    cookie = inspectorCookie;
    const base = await current(plotId);
    await otherChanges(plotId, 1, { mode: 'acquisition' });
    const outcome = await transact(inspectedFrom(base));
    expect(outcome).toMatchObject({ status: 'saved', mergedTheirs: ['mode'] });
    expect(await current(plotId)).toMatchObject({ status: 'inspected', mode: 'acquisition', version: 3 });
  });

  it('an inspection whose status another person changed: a conflict on the status only', async () => {
    cookie = inspectorCookie;
    const base = await current(plotId);
    await otherChanges(plotId, 1, { status: 'rectifying' });
    const outcome = await transact(inspectedFrom(base));
    if (outcome.status !== 'conflict') throw new Error(`expected a conflict, got ${outcome.status}`);
    expect(outcome.conflict.fields.map((field) => field.name)).toEqual(['status']);
    const taken = await resolve(outcome.conflict, []);
    expect(taken).toMatchObject({ status: 'saved' });
    expect(await current(plotId)).toMatchObject({ status: 'rectifying', version: 2 });
  });
});

describe('transact: zones (outline and attributes)', () => {
  const square = (x: number, size = 0.002) => ({
    type: 'Polygon' as const,
    coordinates: [
      [
        [x, 22.8],
        [x + size, 22.8],
        [x + size, 22.8 + size],
        [x, 22.8 + size],
        [x, 22.8],
      ],
    ],
  });
  const attributes = { name: '试点片区', mode: 'redevelopment', plannedLandUse: '1001', notes: '' };

  async function created(x: number) {
    cookie = plannerCookie;
    const outcome = await transact({
      kind: 'create-feature',
      id: `create-${x}`,
      layer: 'zones',
      properties: { ...attributes },
      geometry: square(x),
    });
    if (outcome.status !== 'saved' || !outcome.feature) throw new Error('the zone was not created');
    return outcome.feature;
  }

  async function zone(id: string) {
    const response = await app.server.inject({
      url: `/api/features/zones/${id}`,
      headers: { cookie: plannerCookie },
    });
    return response.json() as { properties: Record<string, unknown>; geometry: unknown };
  }

  async function otherEditsZone(id: string, body: Record<string, unknown>) {
    const response = await app.server.inject({
      method: 'PATCH',
      url: `/api/features/zones/${id}`,
      headers: { cookie: otherCookie },
      payload: { version: 1, ...body },
    });
    expect(response.statusCode).toBe(200);
  }

  const base = (x: number) => ({ ...attributes, geometry: square(x), version: 1 });

  it('a new outline saved over someone’s new note: both stand', async () => {
    const saved = await created(113.0);
    const id = saved.properties.id;
    await otherEditsZone(id, { properties: { notes: '他人修改' } });
    const outcome = await transact({
      kind: 'edit-feature',
      id: `edit-${id}`,
      layer: 'zones',
      featureId: id,
      base: base(113.0),
      changes: { ...attributes, geometry: square(113.0, 0.003) },
    });
    expect(outcome).toMatchObject({ status: 'saved', mergedTheirs: ['notes'] });
    const stored = await zone(id);
    expect(stored.properties).toMatchObject({ notes: '他人修改', version: 3 });
    expect(stored.geometry).toEqual(square(113.0, 0.003));
  });

  it('two new outlines: the outline is the one conflict; deleting from the old version is refused', async () => {
    const saved = await created(113.1);
    const id = saved.properties.id;
    await otherEditsZone(id, { properties: {}, geometry: square(113.1, 0.0025) });
    const outcome = await transact({
      kind: 'edit-feature',
      id: `edit-${id}`,
      layer: 'zones',
      featureId: id,
      base: base(113.1),
      changes: { name: '改名', geometry: square(113.1, 0.003) },
    });
    if (outcome.status !== 'conflict') throw new Error(`expected a conflict, got ${outcome.status}`);
    expect(outcome.conflict.fields.map((field) => field.name)).toEqual(['geometry']);
    expect(outcome.conflict.mine).toEqual(['name']);
    expect(outcome.conflict.changedBy.geometry).toMatchObject({ actor: 'planner2', version: 2 });
    await expect(
      transact({ kind: 'delete-feature', id: `delete-${id}`, layer: 'zones', featureId: id, version: 1 }),
    ).rejects.toMatchObject({ status: 409, code: 'version-conflict' });
    expect(await resolve(outcome.conflict, ['geometry'])).toMatchObject({ status: 'saved' });
    const stored = await zone(id);
    expect(stored.properties).toMatchObject({ name: '改名', version: 3 });
    expect(stored.geometry).toEqual(square(113.1, 0.003));
    expect(
      await transact({
        kind: 'delete-feature',
        id: `delete2-${id}`,
        layer: 'zones',
        featureId: id,
        version: 3,
      }),
    ).toMatchObject({ status: 'saved', feature: null });
  });
});
