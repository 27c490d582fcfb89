// Draft keys and what of a half-filled record form is kept.
import { describe, expect, it } from 'vitest';
import { dataTimeLabel } from '../../src/domain/data-age.ts';
import {
  changedFields,
  draftAddress,
  draftKey,
  fieldsToKeep,
  isWorthKeeping,
  restoredFields,
} from '../../src/domain/drafts.ts';

describe('draftKey', () => {
  it('gives each user, layer, feature and form its own key', () => {
    const base = { user: 'inspector1', layer: 'plots', featureId: 'HS-DX-0012', form: 'inspection' } as const;
    const keys = new Set([
      draftKey(base),
      draftKey({ ...base, user: 'inspector2' }),
      draftKey({ ...base, featureId: 'HS-DX-0013' }),
      draftKey({ ...base, form: 'edit-plot' }),
      draftKey({ ...base, layer: 'projects' }),
    ]);
    expect(keys.size).toBe(5);
  });

  it('keeps ids with slashes apart that a joined string would merge (a/b + c against a + b/c)', () => {
    const one = draftKey({ user: 'a/b', layer: 'plots', featureId: 'c', form: 'inspection' });
    const two = draftKey({ user: 'a', layer: 'plots', featureId: 'b/c', form: 'inspection' });
    expect(one).not.toBe(two);
  });

  it('reads an address back from its key, Chinese ids and spaces included', () => {
    const address = { user: '张三', layer: 'plots', featureId: '鹤山 地块/1', form: 'edit-plot' } as const;
    expect(draftAddress(draftKey(address))).toEqual(address);
  });

  it('refuses keys that are not a draft address', () => {
    expect(draftAddress('plots/HS-1')).toBeNull();
    expect(draftAddress('["a","plots","b"]')).toBeNull();
    expect(draftAddress('["a","plots","b","zone"]')).toBeNull();
    expect(draftAddress('["a","plots","b",4]')).toBeNull();
  });
});

describe('what a draft keeps', () => {
  const opened = { date: '2026-11-30', status: 'identified', findings: '', notes: '' };

  it('is nothing for a form as it opened', () => {
    expect(isWorthKeeping(opened, { ...opened }, 0)).toBe(false);
    expect(changedFields(opened, opened)).toEqual({});
  });

  it('is the changed fields once anything is typed or chosen', () => {
    const typed = { ...opened, findings: '厂房已拆除一半', status: 'rectifying' };
    expect(isWorthKeeping(opened, typed, 0)).toBe(true);
    expect(changedFields(opened, typed)).toEqual({ findings: '厂房已拆除一半', status: 'rectifying' });
  });

  it('is kept for a photo alone', () => {
    expect(isWorthKeeping(opened, opened, 1)).toBe(true);
  });

  it('is a field emptied again that had a value when the form opened', () => {
    const withNotes = { ...opened, notes: '原有备注' };
    expect(changedFields(withNotes, { ...withNotes, notes: '' })).toEqual({ notes: '' });
  });

  it('keeps the changed fields and the date, whether or not the date changed', () => {
    const typed = { ...opened, findings: '已复工' };
    expect(fieldsToKeep(opened, typed, ['date'])).toEqual({ findings: '已复工', date: '2026-11-30' });
    expect(fieldsToKeep(opened, typed)).toEqual({ findings: '已复工' });
  });

  it('restores the kept fields over the opening ones, ignoring fields the form no longer has', () => {
    const restored = restoredFields(opened, {
      findings: '围墙已建',
      removedField: 'x',
      status: 'rectifying',
    });
    expect(restored).toEqual({ date: '2026-11-30', status: 'rectifying', findings: '围墙已建', notes: '' });
    expect(restoredFields(opened, undefined)).toBe(opened);
  });
});

describe('dataTimeLabel', () => {
  it('writes month-day hour:minute of this year', () => {
    const now = new Date(2026, 11, 1, 8, 0).getTime();
    expect(dataTimeLabel(new Date(2026, 10, 30, 9, 12).getTime(), now)).toBe('11-30 09:12');
  });

  it('puts the year in front for another year', () => {
    const now = new Date(2027, 0, 2, 8, 0).getTime();
    expect(dataTimeLabel(new Date(2026, 11, 31, 23, 5).getTime(), now)).toBe('2026-12-31 23:05');
  });
});
