// The reason for moving a plot back is kept first in the notes the record form sends.
import { describe, expect, it } from 'vitest';
import { plotChanges } from '../../../src/app/inspections/edit-plot-form.tsx';
import { notesWithBackReason } from '../../../src/app/inspections/status-back.tsx';

describe('notesWithBackReason', () => {
  it('puts the reason first, then the notes the person wrote', () => {
    expect(notesWithBackReason('zh', ' 企业未按期整改 ', '已约谈')).toBe('退回原因：企业未按期整改\n已约谈');
    expect(notesWithBackReason('en', 'wrong entry', '  ')).toBe('Reason for going back: wrong entry');
  });

  it('an attribute edit that moves the status back sends the reason in its notes change', () => {
    const base = { status: 'rectifying', mode: '', grade: 'C', deadline: '', notes: '' };
    const notes = notesWithBackReason('zh', '核查有误', '');
    expect(plotChanges(base, { ...base, status: 'inspected', notes })).toEqual({
      status: 'inspected',
      notes: '退回原因：核查有误',
    });
  });
});
