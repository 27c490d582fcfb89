// The photo rules the app checks before sending and the server applies on arrival.
import { describe, expect, it } from 'vitest';
import { PHOTO_MAX_MB, PHOTO_TYPES, photoProblem } from '../../src/domain/photos.ts';

describe('photo rules', () => {
  it('photos: 10 MB at most, JPEG/PNG/WebP', () => {
    expect(photoProblem({ size: 10 * 1024 * 1024, type: 'image/jpeg' })).toBeNull();
    expect(photoProblem({ size: 10 * 1024 * 1024 + 1, type: 'image/jpeg' })).toBe('too-large');
    expect(photoProblem({ size: 100, type: 'image/gif' })).toBe('wrong-type');
    expect(photoProblem({ size: 100, type: 'image/webp' })).toBeNull();
  });

  it('leaves an undeclared type to the server and refuses look-alikes of the accepted types', () => {
    expect(photoProblem({ size: 100, type: '' })).toBeNull();
    expect(photoProblem({ size: 100, type: 'image/svg+xml' })).toBe('wrong-type');
    expect(photoProblem({ size: 100, type: 'toString' })).toBe('wrong-type');
    expect(PHOTO_TYPES).toEqual(['image/jpeg', 'image/png', 'image/webp']);
    expect(PHOTO_MAX_MB).toBe(10);
  });

  it('refuses HEIC/HEIF by its type or, undeclared, by its name, before anything else', () => {
    expect(photoProblem({ size: 100, type: 'image/heic', name: 'IMG_0001.HEIC' })).toBe('heic');
    expect(photoProblem({ size: 100, type: 'image/heif' })).toBe('heic');
    expect(photoProblem({ size: 100, type: '', name: 'IMG_0002.heic' })).toBe('heic');
    expect(photoProblem({ size: 20 * 1024 * 1024, type: 'image/heic-sequence' })).toBe('heic');
    expect(photoProblem({ size: 100, type: 'image/jpeg', name: 'heic.jpg' })).toBeNull();
  });
});
