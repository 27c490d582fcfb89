// The photo rules both sides apply: the app before it sends a file (so the inspector hears at once),
// the server on what arrives (by the file's content, never its name or declared type).

/** One photo: at most 10 MB, the limit. */
export const PHOTO_MAX_BYTES = 10 * 1024 * 1024;
/** PHOTO_MAX_BYTES in MB, for messages. */
export const PHOTO_MAX_MB = PHOTO_MAX_BYTES / (1024 * 1024);
/** Photos one inspection record may hold. */
export const PHOTOS_PER_INSPECTION = 30;

/** The accepted image types and the extension the server stores each under. */
export const PHOTO_EXTENSIONS = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' } as const;
export type PhotoType = keyof typeof PHOTO_EXTENSIONS;
export const PHOTO_TYPES = Object.keys(PHOTO_EXTENSIONS) as PhotoType[];

export function isPhotoType(type: string): type is PhotoType {
  return Object.hasOwn(PHOTO_EXTENSIONS, type);
}

/**
 * Why a chosen file cannot be sent as a photo, or null. An empty declared type (some tablets' cameras)
 * is left to the server, which reads the content.
 */
export function photoProblem(file: {
  size: number;
  type: string;
  name?: string;
}): 'too-large' | 'wrong-type' | 'heic' | null {
  if (isHeic(file)) return 'heic';
  if (file.size > PHOTO_MAX_BYTES) return 'too-large';
  if (file.type !== '' && !isPhotoType(file.type)) return 'wrong-type';
  return null;
}

/**
 * An iPhone's or a recent Android camera's HEIC/HEIF picture: the server refuses it (and most browsers
 * cannot draw it to convert it), so the app refuses it the moment it is picked, saying how to get a
 * JPEG instead. Known by its declared type, or by its name when the type is not declared.
 */
function isHeic(file: { type: string; name?: string }): boolean {
  return /^image\/hei[cf](-sequence)?$/i.test(file.type) || /\.hei[cf]$/i.test(file.name ?? '');
}
