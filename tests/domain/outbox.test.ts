import { describe, expect, it } from 'vitest';
import {
  BACKOFF,
  backoffDelay,
  failureKind,
  nextToSend,
  type OutboxState,
  pendingCount,
  photoSize,
  type QueuedItem,
} from '../../src/domain/outbox.ts';

const item = (id: string, seq: number, state: OutboxState = 'waiting', extra: Partial<QueuedItem> = {}) => ({
  id,
  seq,
  state,
  user: 'field',
  ...extra,
});

describe('nextToSend', () => {
  it('sends in the order the person made them, whatever order they are listed in', () => {
    expect(nextToSend([item('b', 2), item('a', 1), item('c', 3)], 'field')?.id).toBe('a');
  });

  it('a photo waits while its inspection is still in the outbox, and goes once it has left', () => {
    const inspection = item('i', 1, 'conflict');
    const photo = item('p', 2, 'waiting', { dependsOn: 'i' });
    expect(nextToSend([inspection, photo], 'field')).toBeNull();
    expect(nextToSend([{ ...inspection, state: 'sent' as const }, photo], 'field')?.id).toBe('p');
    expect(nextToSend([photo], 'field')?.id).toBe('p');
  });

  it('a conflict or a refusal does not hold back items that do not depend on it', () => {
    expect(nextToSend([item('a', 1, 'refused'), item('b', 2, 'conflict'), item('c', 3)], 'field')?.id).toBe(
      'c',
    );
  });

  it('an item left "sending" by a killed page is sent again (its key makes that safe)', () => {
    expect(nextToSend([item('a', 1, 'sending'), item('b', 2)], 'field')?.id).toBe('a');
  });

  it("another user's items are never sent by this session", () => {
    expect(nextToSend([item('a', 1, 'waiting', { user: 'other' })], 'field')).toBeNull();
  });

  it('counts what waits for the server or the person, not what was sent', () => {
    expect(pendingCount([item('a', 1, 'sent'), item('b', 2), item('c', 3, 'refused')])).toBe(2);
  });
});

describe('failureKind', () => {
  it.each([0, 401, 408, 429, 500, 502, 503, 504])('%i is tried again later', (status) => {
    expect(failureKind(status)).toBe('retry');
  });
  it.each([400, 403, 404, 409, 413, 415, 422])('%i is refused with the server’s reason', (status) => {
    expect(failureKind(status)).toBe('refused');
  });
});

describe('backoffDelay', () => {
  it('doubles from 2 s to at most 5 min, without jitter at random 0.5', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 50].map((n) => backoffDelay(n, 0.5))).toEqual([
      2000, 4000, 8000, 16000, 32000, 64000, 128000, 256000, 300000, 300000,
    ]);
  });
  it('varies by ±20% and never beyond the maximum', () => {
    expect(backoffDelay(1, 0)).toBe(1600);
    expect(backoffDelay(1, 0.999999)).toBe(2400);
    expect(backoffDelay(40, 0.999999)).toBe(BACKOFF.maxMs);
    expect(backoffDelay(0, 0.5)).toBe(2000);
  });
});

describe('photoSize', () => {
  it('keeps a photo within 2560 px as it is', () => {
    expect(photoSize(2560, 1920)).toEqual({ width: 2560, height: 1920, resized: false });
  });
  it('scales a 4032×3024 camera photo to 2560×1920, and a portrait one to 1920×2560', () => {
    expect(photoSize(4032, 3024)).toEqual({ width: 2560, height: 1920, resized: true });
    expect(photoSize(3024, 4032)).toEqual({ width: 1920, height: 2560, resized: true });
  });
  it('never makes a side of 0 px from a very long strip', () => {
    expect(photoSize(100000, 10)).toEqual({ width: 2560, height: 1, resized: true });
  });
});
