import { describe, expect, it } from 'vitest';
import { lastChangedBy, mergePatchBetween, threeWayMerge } from '../../src/domain/three-way-merge.ts';

const base = { id: 'HS-DX-0008', status: 'identified', mode: 'self-upgrade', notes: '', version: 3 };

describe('threeWayMerge', () => {
  it('a planner changed mode while an inspector changed status: both kept, nothing asked', () => {
    const mine = { ...base, status: 'rectifying' };
    const theirs = { ...base, mode: 'acquisition', version: 4 };
    expect(threeWayMerge(base, mine, theirs)).toEqual({
      merged: { ...base, status: 'rectifying', mode: 'acquisition', version: 4 },
      mine: ['status'],
      theirs: ['mode'],
      conflicts: [],
    });
  });

  it('both changed status differently: only status is asked about, with the three values', () => {
    const mine = { ...base, status: 'rectifying', notes: '已约谈企业' };
    const theirs = { ...base, status: 'verified', mode: 'acquisition', version: 5 };
    const result = threeWayMerge(base, mine, theirs);
    expect(result.conflicts).toEqual([
      { name: 'status', base: 'identified', mine: 'rectifying', theirs: 'verified' },
    ]);
    expect(result.mine).toEqual(['notes']);
    expect(result.theirs).toEqual(['mode']);
    expect(result.merged).toEqual({ ...theirs, notes: '已约谈企业' });
  });

  it('both made the same change: no conflict', () => {
    const mine = { ...base, status: 'verified' };
    const theirs = { ...base, status: 'verified', version: 4 };
    expect(threeWayMerge(base, mine, theirs).conflicts).toEqual([]);
  });

  it('a field the person removed is removed; missing and null are the same', () => {
    const withDeadline = { ...base, deadline: '2026-03-10' };
    const mine = { ...base, deadline: null };
    const theirs = { ...withDeadline, version: 4 };
    const result = threeWayMerge(withDeadline, mine, theirs);
    expect(result.mine).toEqual(['deadline']);
    expect('deadline' in result.merged).toBe(false);
  });

  it('compares arrays by value, and ignores the version', () => {
    const start = { reasons: ['low-far', 'low-tax'], version: 1 };
    expect(
      threeWayMerge(start, { reasons: ['low-far', 'low-tax'], version: 1 }, { ...start, version: 9 }),
    ).toEqual({
      merged: { reasons: ['low-far', 'low-tax'], version: 9 },
      mine: [],
      theirs: [],
      conflicts: [],
    });
  });
});

describe('mergePatchBetween', () => {
  it('sends only the changed fields, and null for a removed one', () => {
    expect(mergePatchBetween({ a: 1, b: 'x', c: [1], version: 2 }, { a: 1, b: 'y', version: 3 })).toEqual({
      b: 'y',
      c: null,
    });
  });
});

describe('lastChangedBy', () => {
  const history = [
    {
      actor: '李工',
      at: '2026-11-30T01:00:00Z',
      versionAfter: 4,
      before: { mode: 'a' },
      after: { mode: 'b' },
    },
    {
      actor: '王科',
      at: '2026-11-30T02:00:00Z',
      versionAfter: 5,
      before: { status: 'x', mode: 'b' },
      after: { status: 'y', mode: 'c' },
    },
    {
      actor: '陈',
      at: '2026-11-29T00:00:00Z',
      versionAfter: 3,
      before: { notes: '' },
      after: { notes: 'n' },
    },
  ];
  it('names the newest change of each field after the version both started from', () => {
    expect(lastChangedBy(['mode', 'status', 'notes'], history, 3)).toEqual({
      mode: { actor: '王科', at: '2026-11-30T02:00:00Z', version: 5 },
      status: { actor: '王科', at: '2026-11-30T02:00:00Z', version: 5 },
    });
  });
});
