import { describe, expect, it } from 'vitest';
import { applyMergePatch } from '../../src/domain/merge-patch.ts';

describe('applyMergePatch', () => {
  it('sets values, removes on null, keeps the rest and leaves the base untouched', () => {
    const base = { id: 'HS-DX-0001', status: 'identified', notes: 'old', grade: 'C' };
    const merged = applyMergePatch(base, { status: 'rectifying', notes: null, deadline: '2026-12-31' });
    expect(merged).toEqual({ id: 'HS-DX-0001', status: 'rectifying', grade: 'C', deadline: '2026-12-31' });
    expect(base).toEqual({ id: 'HS-DX-0001', status: 'identified', notes: 'old', grade: 'C' });
  });
});
