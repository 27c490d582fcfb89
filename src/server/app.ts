// The HTTP server: serves the built app (dist/) on one port. Issue #4 grows it into the JSON API.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';

export interface ServerOptions {
  /** The built app: `dist/` at the repository root unless told otherwise. */
  distDir?: string;
  logger?: boolean;
}

export async function buildServer(options: ServerOptions = {}): Promise<FastifyInstance> {
  const distDir = resolve(options.distDir ?? 'dist');
  if (!existsSync(resolve(distDir, 'index.html'))) {
    throw new Error(`The app is not built: ${distDir}/index.html is missing. Run \`npm run build\` first.`);
  }
  const server = Fastify({ logger: options.logger ?? false });
  await server.register(fastifyStatic, {
    root: distDir,
    // GeoJSON layers change with the data; the hashed assets never do.
    setHeaders(reply, path) {
      if (path.includes('/assets/')) reply.header('Cache-Control', 'public, max-age=31536000, immutable');
      else reply.header('Cache-Control', 'no-cache');
      if (path.endsWith('.geojson')) reply.header('Content-Type', 'application/geo+json; charset=utf-8');
    },
  });
  server.get('/api/health', async () => ({ status: 'ok' }));
  return server;
}
