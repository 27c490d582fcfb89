// Compressed responses. The API's answers (JSON, GeoJSON, CSV) go out as brotli or gzip when the request
// accepts them (@fastify/compress, by Accept-Encoding, with `Vary: Accept-Encoding`); the built app's
// files are compressed once at build time (vite.config.ts writes .br and .gz beside each file) and sent
// as they are (@fastify/static `preCompressed`). Photos (JPEG, PNG, WebP: compressed already) and any
// other type outside COMPRESSIBLE go out untouched; answers under COMPRESS_THRESHOLD_BYTES too (the
// headers would outweigh the saving). Request bodies are never decompressed: a compressed upload would
// slip past the body limits, which count the bytes received.
import fastifyCompress from '@fastify/compress';
import type { FastifyInstance } from 'fastify';

const COMPRESS_THRESHOLD_BYTES = 1024;

/** Text, JSON (GeoJSON included), JavaScript, XML, SVG and CSV; never images, archives or octet-stream. */
const COMPRESSIBLE =
  /^(?:text\/(?!event-stream)|application\/(?:[\w.-]+\+)?(?:json|xml|javascript)(?:;|$)|image\/svg\+xml)/i;

function isCompressible(contentType: string): boolean {
  return COMPRESSIBLE.test(contentType);
}

export async function registerCompression(server: FastifyInstance): Promise<void> {
  await server.register(fastifyCompress, {
    global: true,
    encodings: ['br', 'gzip'],
    threshold: COMPRESS_THRESHOLD_BYTES,
    customTypes: isCompressible,
    globalDecompression: false,
  });
}
