// One date rule for the layer schemas, the server's routes and the app's forms.
import { describe, expect, it } from 'vitest';
import { isIsoDate } from '../../src/domain/dates.ts';
import { isoDate } from '../../src/domain/schemas.ts';

describe('isIsoDate', () => {
  it('a real calendar date written YYYY-MM-DD', () => {
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2026-02-30')).toBe(false);
    expect(isIsoDate('2026/02/28')).toBe(false);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2100-02-29')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('2026-1-01')).toBe(false);
    expect(isIsoDate('2026-01-01T00:00:00Z')).toBe(false);
    expect(isIsoDate('')).toBe(false);
  });

  it('is the rule of the schemas the validator and the server use', () => {
    for (const value of ['2026-02-28', '2024-02-29', '2026-02-30', '2026/02/28', '2026-13-01', '']) {
      expect(isoDate.safeParse(value).success, value).toBe(isIsoDate(value));
    }
    expect(isoDate.safeParse('2026-02-30').error?.issues.map((issue) => issue.message)).toEqual([
      'is not a real calendar date',
    ]);
  });
});
