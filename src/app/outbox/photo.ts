// A photo as it is queued: a camera's 12–50 MP picture is resized on the tablet to at most 2560 px on
// its longest side (JPEG, quality 0.85) before it goes into the outbox, so a day of photos fits the
// tablet's storage and goes over a weak network. createImageBitmap with imageOrientation 'from-image'
// turns the pixels as the EXIF orientation says, so the JPEG drawn from it stands the right way up
// without EXIF. A photo already small enough is queued as it is (its EXIF stays, and is honoured by
// every viewer). Where the browser cannot decode it (createImageBitmap refuses), the original is
// queued and the server judges it. No library: the browser's own decoder and canvas do it.
import { PHOTO_JPEG_QUALITY, photoSize } from '../../domain/outbox.ts';

export interface PreparedPhoto {
  blob: Blob;
  name: string;
}

function jpegName(name: string): string {
  const dot = name.lastIndexOf('.');
  return `${dot > 0 ? name.slice(0, dot) : name}.jpg`;
}

async function encode(bitmap: ImageBitmap, width: number, height: number): Promise<Blob> {
  if (typeof OffscreenCanvas !== 'undefined') {
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2d context');
    context.drawImage(bitmap, 0, 0, width, height);
    return canvas.convertToBlob({ type: 'image/jpeg', quality: PHOTO_JPEG_QUALITY });
  }
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2d context');
  context.drawImage(bitmap, 0, 0, width, height);
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('toBlob failed'))),
      'image/jpeg',
      PHOTO_JPEG_QUALITY,
    ),
  );
}

/** The photo to queue: resized to 2560 px at most (JPEG 0.85), turned as its EXIF says. */
export async function preparePhoto(file: File): Promise<PreparedPhoto> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    return { blob: file, name: file.name };
  }
  try {
    const size = photoSize(bitmap.width, bitmap.height);
    if (!size.resized) return { blob: file, name: file.name };
    return { blob: await encode(bitmap, size.width, size.height), name: jpegName(file.name) };
  } catch {
    return { blob: file, name: file.name };
  } finally {
    bitmap.close();
  }
}
