// Photo files under DATA_DIR/photos: JPEG, PNG or WebP by their content (file-type), never by the name
// or the declared type; at most PHOTO_MAX_BYTES. A file is written to a temporary name, fsynced and
// renamed before its row is committed, so every committed photo row has its file on disk.
import { createHash, randomUUID } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { MultipartFile } from '@fastify/multipart';
import { fileTypeFromBuffer } from 'file-type';
import { isPhotoType, PHOTO_EXTENSIONS, PHOTO_MAX_MB } from '../../domain/photos.ts';
import { ApiError } from '../errors.ts';
import type { PhotoRecord } from '../store/types.ts';

function writeDurably(dir: string, name: string, content: Buffer): void {
  mkdirSync(dir, { recursive: true });
  const temporary = join(dir, `.${name}.tmp`);
  const fd = openSync(temporary, 'w', 0o640);
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, join(dir, name));
  const dirFd = openSync(dir, 'r');
  try {
    fsyncSync(dirFd);
  } finally {
    closeSync(dirFd);
  }
}

/** Reads a multipart file whole; a malformed body is the client's error (400), not the server's. */
export async function readUpload<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof ApiError || (error as { statusCode?: number }).statusCode) throw error;
    throw new ApiError(400, 'bad-multipart', {
      zh: '上传的表单数据不完整或格式有误。',
      en: 'The uploaded form data is incomplete or malformed.',
    });
  }
}

export async function storePhoto(
  photosDir: string,
  inspectionId: string,
  file: MultipartFile,
  uploadedBy: string,
): Promise<PhotoRecord> {
  const content = await readUpload(() => file.toBuffer());
  if (file.file.truncated) {
    throw new ApiError(413, 'file-too-large', {
      zh: `文件太大（照片最多 ${PHOTO_MAX_MB} MB）。`,
      en: `The file is too large (photos: ${PHOTO_MAX_MB} MB at most).`,
    });
  }
  const type = await fileTypeFromBuffer(content);
  if (!type || !isPhotoType(type.mime)) {
    throw new ApiError(415, 'unsupported-photo-type', {
      zh: '照片须为 JPEG、PNG 或 WebP 格式。',
      en: 'A photo must be a JPEG, PNG or WebP image.',
    });
  }
  const id = randomUUID();
  const fileName = `${id}.${PHOTO_EXTENSIONS[type.mime]}`;
  writeDurably(photosDir, fileName, content);
  return {
    id,
    inspectionId,
    fileName,
    contentType: type.mime,
    sizeBytes: content.length,
    sha256: createHash('sha256').update(content).digest('hex'),
    originalName: file.filename ? file.filename.slice(0, 200) : null,
    uploadedBy,
    uploadedAt: new Date().toISOString(),
  };
}

/** Removes the file of a photo whose row was refused (best effort: an orphan file harms nobody). */
export function removePhotoFile(photosDir: string, photo: PhotoRecord): void {
  rmSync(readPhoto(photosDir, photo), { force: true });
}

export function readPhoto(photosDir: string, photo: PhotoRecord): string {
  // fileName is ours (uuid.ext), never the client's; the check guards against a tampered database.
  const [name, extension, ...rest] = photo.fileName.split('.');
  const known = (Object.values(PHOTO_EXTENSIONS) as string[]).includes(extension ?? '');
  if (rest.length > 0 || !known || !/^[0-9a-f-]{36}$/.test(name ?? '')) {
    throw new ApiError(404, 'not-found', { zh: '照片文件不存在。', en: 'The photo file is missing.' });
  }
  return join(photosDir, photo.fileName);
}
