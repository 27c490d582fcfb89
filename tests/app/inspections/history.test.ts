// Change-history entries as field changes (never raw JSON), the planner's merge patch, and the checks
// the inspection form makes before anything is sent.
import { describe, expect, it } from 'vitest';
import { newClientId } from '../../../src/app/api/ids.ts';
import { describeEntry, diffProperties, todayIso } from '../../../src/app/inspections/diff.ts';
import { plotChanges } from '../../../src/app/inspections/edit-plot-form.tsx';
import type { HistoryEntry } from '../../../src/domain/wire.ts';

const entry = (over: Partial<HistoryEntry>): HistoryEntry => ({
  seq: 1,
  at: '2026-11-28T08:00:00.000Z',
  actor: 'inspector1',
  entity: 'feature',
  layer: 'plots',
  entityId: 'HS-1',
  action: 'update',
  versionBefore: 1,
  versionAfter: 2,
  before: null,
  after: null,
  note: null,
  ...over,
});

const base = { id: 'HS-1', status: 'identified', mode: 'self-upgrade', grade: 'C', far: 0.5 };

describe('change history', () => {
  it('lists the properties that changed, in the inspector order, without version', () => {
    expect(
      diffProperties(
        { ...base, version: 1 },
        { ...base, status: 'rectifying', mode: 'redevelopment', version: 2 },
      ),
    ).toEqual([
      { name: 'mode', before: 'self-upgrade', after: 'redevelopment' },
      { name: 'status', before: 'identified', after: 'rectifying' },
    ]);
  });

  it('describes an update, an inspection and a geometry change', () => {
    const view = describeEntry(
      entry({
        action: 'inspection',
        before: { properties: base },
        after: { properties: { ...base, status: 'inspected' } },
      }),
    );
    expect(view).toEqual({
      kind: 'changes',
      fields: [{ name: 'status', before: 'identified', after: 'inspected' }],
      geometryChanged: false,
    });
    const moved = describeEntry(
      entry({
        before: { properties: base, geometry: { type: 'Point', coordinates: [0, 0] } },
        after: { properties: base, geometry: { type: 'Point', coordinates: [1, 0] } },
      }),
    );
    expect(moved).toMatchObject({ kind: 'changes', fields: [], geometryChanged: true });
  });

  it('shows what a refused change tried: a patch, or an inspection’s status', () => {
    const patch = describeEntry(
      entry({
        action: 'conflict',
        before: { properties: base },
        after: { properties: { grade: 'A', mode: null } },
      }),
    );
    expect(patch).toMatchObject({
      fields: [
        { name: 'grade', before: 'C', after: 'A' },
        { name: 'mode', before: 'self-upgrade', after: undefined },
      ],
    });
    const inspection = describeEntry(
      entry({
        action: 'conflict',
        before: { properties: base },
        after: { inspection: { status: 'completed', plotId: 'HS-1' } },
        note: 'inspection',
      }),
    );
    expect(inspection).toMatchObject({
      fields: [{ name: 'status', before: 'identified', after: 'completed' }],
    });
  });

  it('marks creations and deletions', () => {
    expect(describeEntry(entry({ action: 'create', before: null, after: { properties: base } })).kind).toBe(
      'created',
    );
    expect(describeEntry(entry({ action: 'delete', before: { properties: base }, after: null })).kind).toBe(
      'deleted',
    );
  });
});

describe('the planner’s edit', () => {
  it('sends only what changed, an emptied optional field as null', () => {
    const properties = { ...base, deadline: '2027-01-01', notes: 'x' };
    expect(
      plotChanges(properties, {
        status: 'completed',
        mode: 'self-upgrade',
        grade: 'C',
        deadline: '',
        notes: 'x',
      }),
    ).toEqual({ status: 'completed', deadline: null });
    expect(
      plotChanges(base, { status: 'identified', mode: 'self-upgrade', grade: 'C', deadline: '', notes: '' }),
    ).toEqual({});
  });
});

describe('inspection form checks', () => {
  it('dates and client ids', () => {
    expect(todayIso(new Date(2026, 10, 8))).toBe('2026-11-08');
    expect(newClientId()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
