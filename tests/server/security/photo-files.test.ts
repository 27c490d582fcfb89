// A photo's file name comes from our own database, never from the client; still, a tampered row must
// not make the server read or delete any file but a photo's own.
import { describe, expect, it } from 'vitest';
import { readPhoto } from '../../../src/server/routes/photos.ts';
import type { PhotoRecord } from '../../../src/server/store/types.ts';

const UUID = '0f8fad5b-d9cb-469f-a165-70867728950e';
const record = (fileName: string): PhotoRecord => ({
  id: UUID,
  inspectionId: UUID,
  contentType: 'image/jpeg',
  sizeBytes: 1,
  originalName: null,
  uploadedBy: 'inspector',
  uploadedAt: '2026-11-30T00:00:00.000Z',
  sha256: '',
  fileName,
});

describe('photo file names from a tampered database row', () => {
  it('a photo’s own name (uuid and a known extension) maps inside the photos folder', () => {
    expect(readPhoto('/data/photos', record(`${UUID}.webp`))).toBe(`/data/photos/${UUID}.webp`);
  });

  it.each([
    ['a path out of the folder', '../../atlas.sqlite'],
    ['an absolute path', '/etc/passwd'],
    ['a second extension', `${UUID}.jpg.sh`],
    ['an unknown extension', `${UUID}.svg`],
    ['no extension', UUID],
    ['a name that is not a uuid', 'photo.jpg'],
  ])('%s (%s) is a 404 not-found, never a path', (_what, fileName) => {
    expect(() => readPhoto('/data/photos', record(fileName))).toThrow(
      expect.objectContaining({ status: 404, code: 'not-found' }),
    );
  });
});
