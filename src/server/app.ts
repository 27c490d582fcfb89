// The HTTP server: the built app (dist/) and the JSON API on one port. Storage behind one interface
// (store/types.ts); every /api route but health, login and setup needs a session, and the role a route
// declares in `config.access` is checked before its body is even read.

import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import { PHOTO_MAX_BYTES } from '../domain/photos.ts';
import type { Settings } from '../domain/wire.ts';
import { CONTENT_SECURITY_POLICY } from './auth/csp.ts';
import { type Access, ADMIN, allows } from './auth/roles.ts';
import { hashToken, newToken, sessionToken } from './auth/session.ts';
import { registerCompression } from './compression.ts';
import {
  dataDirFromEnv,
  IMPORT_UPLOAD_LIMIT,
  JSON_BODY_LIMIT,
  PHOTOS_DIR,
  TILE_THRESHOLD,
  TIMEOUTS,
  type Timeouts,
} from './config.ts';
import { forbidden, unauthorized } from './errors.ts';
import { clearUploads } from './import-job.ts';
import { registerJsonBodyParser } from './json-body.ts';
import type { QueryService } from './queries/query-service.ts';
import { handleError, handleNotFound } from './replies.ts';
import { authRoutes } from './routes/auth.ts';
import { featuresInBoxRoutes } from './routes/features-in-box.ts';
import { historyRoutes } from './routes/history.ts';
import { importPresetRoutes } from './routes/import-presets.ts';
import { inspectionRoutes } from './routes/inspections.ts';
import { ioRoutes } from './routes/io.ts';
import { layerRoutes } from './routes/layers.ts';
import { queryRoutes } from './routes/queries.ts';
import { reportRoutes } from './routes/report.ts';
import { settingRoutes } from './routes/settings.ts';
import { setupRoutes } from './routes/setup.ts';
import { tableRoutes } from './routes/table.ts';
import { tileRoutes } from './routes/tiles.ts';
import { userRoutes } from './routes/users.ts';
import { type SeedOutcome, seedLayers } from './seed.ts';
import { SqliteStore } from './store/sqlite.ts';
import type { Store, User } from './store/types.ts';
import type { TileOptions } from './tiles/tile-service.ts';
import { registerBodyTimeouts, serverTimeoutOptions } from './timeouts.ts';

export interface ServerOptions {
  /** The built app: `dist/` at the repository root unless told otherwise; null serves the API only. */
  distDir?: string | null;
  logger?: boolean;
  /** Where the database and photos live: DATA_DIR, else ./data. */
  dataDir?: string;
  /** Layers seeded on first start: ./geodata unless told otherwise; null seeds nothing. */
  geodataDir?: string | null;
  /** Another store (PostgreSQL, say); the SQLite file under dataDir otherwise. Closed with the server. */
  store?: Store;
  /**
   * The 天地图 (Tianditu) key the bureau registered, set once on the server (TIANDITU_KEY); handed to
   * signed-in browsers, which request the tiles with it. Null: Tianditu basemaps are not offered.
   */
  tiandituKey?: string | null;
  /** Tileable layers with more features than this are served as vector tiles (config.ts TILE_THRESHOLD). */
  tileThreshold?: number;
  /** Trust X-Forwarded-For (behind a reverse proxy), so login limits count the real client. */
  trustProxy?: boolean;
  /** Time limits of requests (config.ts TIMEOUTS); tests shorten them. */
  timeouts?: Timeouts;
  /** The largest import accepted, in bytes (config.ts IMPORT_UPLOAD_LIMIT); tests lower it. */
  importUploadLimit?: number;
  /** Session cookies marked Secure always (COOKIE_SECURE=1); otherwise when the request came by https
   *  (directly, or per X-Forwarded-Proto with trustProxy). */
  secureCookies?: boolean;
  /** How vector tiles are made (tile-service.ts); the benchmark and tests compare the paths. */
  tiles?: TileOptions;
}

export interface AtlasContext {
  store: Store;
  dataDir: string;
  photosDir: string;
  /** The largest import accepted, in bytes. */
  importUploadLimit: number;
  /** The one-time setup token made at this start when there are no users, else null. */
  setupToken: string | null;
  seeding: SeedOutcome[];
  secureCookies: boolean;
  /** Tileable layers with more features than this are served as vector tiles. */
  tileThreshold: number;
  /** Every route with the access it declared (admin-only when it declared none). */
  routes: RouteAccess[];
  /** Search, analysis and holdings over the whole layers (routes/queries.ts); set when routes are. */
  queries: QueryService | null;
}

export interface RouteAccess {
  method: string;
  url: string;
  access: Access;
}

declare module 'fastify' {
  interface FastifyInstance {
    atlas: AtlasContext;
  }
  interface FastifyRequest {
    user: User | null;
    sessionHash: string | null;
  }
  interface FastifyContextConfig {
    access?: Access;
  }
}

export async function buildServer(options: ServerOptions = {}): Promise<FastifyInstance> {
  const distDir = options.distDir === null ? null : resolve(options.distDir ?? 'dist');
  if (distDir && !existsSync(resolve(distDir, 'index.html'))) {
    throw new Error(`The app is not built: ${distDir}/index.html is missing. Run \`npm run build\` first.`);
  }
  const dataDir = resolve(options.dataDir ?? dataDirFromEnv());
  const store = options.store ?? SqliteStore.open(dataDir);
  const timeouts = options.timeouts ?? TIMEOUTS;
  const server = Fastify({
    logger: options.logger ?? process.env.ATLAS_DEBUG === '1',
    bodyLimit: JSON_BODY_LIMIT,
    trustProxy: options.trustProxy ?? false,
    // Ids of up to 128 characters (even outside the BMP) must reach the routes (find-my-way: 100).
    routerOptions: { maxParamLength: 256 },
    // The router's own refusals (a segment too long, a malformed %-escape) in our words too.
    frameworkErrors: handleError,
    ...serverTimeoutOptions(timeouts),
  });
  server.addHook('onClose', async () => store.close());
  try {
    const geodataDir = options.geodataDir === null ? null : resolve(options.geodataDir ?? 'geodata');
    const seeding = geodataDir ? await seedLayers(store, geodataDir) : [];
    await clearUploads(dataDir);
    let setupToken: string | null = null;
    if ((await store.countUsers()) === 0) {
      setupToken = newToken();
      await store.createSetupToken(hashToken(setupToken));
    }
    server.decorate('atlas', {
      store,
      dataDir,
      photosDir: join(dataDir, PHOTOS_DIR),
      importUploadLimit: options.importUploadLimit ?? IMPORT_UPLOAD_LIMIT,
      setupToken,
      seeding,
      secureCookies: options.secureCookies ?? false,
      tileThreshold: options.tileThreshold ?? TILE_THRESHOLD,
      routes: [],
      queries: null,
    });
    await configure(server, distDir, timeouts, { tiandituKey: options.tiandituKey ?? null }, options.tiles);
  } catch (error) {
    await server.close();
    throw error;
  }
  return server;
}

async function configure(
  server: FastifyInstance,
  distDir: string | null,
  timeouts: Timeouts,
  settings: Settings,
  tiles: TileOptions | undefined,
): Promise<void> {
  const { store } = server.atlas;
  server.decorateRequest('user', null);
  server.decorateRequest('sessionHash', null);
  await server.register(fastifyCookie);
  await server.register(fastifyMultipart, {
    limits: { fileSize: PHOTO_MAX_BYTES, files: 1, fields: 10, parts: 12, fieldSize: 64 * 1024 },
  });
  // Answers by Accept-Encoding (compression.ts): registered before any route, as it hooks each route.
  await registerCompression(server);
  server.setErrorHandler(handleError);
  server.setNotFoundHandler(handleNotFound(distDir !== null));

  // Every route's access, fixed when it is registered: the access it declared, `public` for the built
  // app's files, admin-only for a route that declared none (closed by default). Recorded, so that the
  // security tests walk through every route, a future one included, without a list to keep.
  let registeringAppFiles = false;
  server.addHook('onRoute', (route) => {
    const access: Access = registeringAppFiles ? 'public' : (route.config?.access ?? ADMIN);
    route.config = { ...route.config, access };
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) server.atlas.routes.push({ method, url: route.url, access });
  });

  // Request bodies: JSON checked for depth, duplicate keys and 1e309 (json-body.ts); bodies that
  // trickle in too slowly are cut off with 408 (timeouts.ts).
  registerJsonBodyParser(server);
  registerBodyTimeouts(server, timeouts);

  server.addHook('onRequest', async (request, reply) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('X-Frame-Options', 'DENY');
    reply.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    // Access follows the route the router matched, never the raw request target: `/%61pi/users`,
    // `//api/users` or `http://x/api/users` reach a handler only as the route they matched, and that
    // route's declared access is checked. A request no route matched runs the not-found handler only.
    const route = request.is404 ? undefined : request.routeOptions.url;
    if (route === undefined || route.startsWith('/api/')) reply.header('Cache-Control', 'no-store');
    if (route === undefined) return;
    // A route that forgot to declare its access is for admins only: closed by default.
    const access = request.routeOptions.config.access ?? ADMIN;
    const token = sessionToken(request);
    if (token) {
      request.sessionHash = hashToken(token);
      request.user = await store.sessionUser(request.sessionHash, Date.now());
    }
    if (access === 'public') return;
    if (!request.user) throw unauthorized();
    if (!allows(access, request.user.role)) throw forbidden();
  });

  if (distDir) {
    // The built app is public: it holds no data (the layers come from the API, behind a session).
    registeringAppFiles = true;
    await server.register(fastifyStatic, {
      root: distDir,
      // The .br and .gz written beside each file at build (vite.config.ts), chosen by Accept-Encoding.
      preCompressed: true,
      // Never a layer file, even one left in dist/ by an older build: the data needs a session.
      allowedPath: (path) => !/\.geojson(?:\.br|\.gz)?$/i.test(path),
      // The hashed assets never change; index.html does with every build.
      setHeaders(reply, path) {
        if (path.includes('/assets/')) reply.header('Cache-Control', 'public, max-age=31536000, immutable');
        else reply.header('Cache-Control', 'no-cache');
      },
    });
    registeringAppFiles = false;
  }

  server.get('/api/health', { config: { access: 'public' } }, async () => ({ status: 'ok' }));
  // The server's settings a signed-in browser needs (the Tianditu key: its tiles are requested with it).
  server.get('/api/settings', { config: { access: 'session' } }, async () => settings);
  settingRoutes(server);
  setupRoutes(server);
  authRoutes(server);
  layerRoutes(server);
  featuresInBoxRoutes(server);
  tileRoutes(server, tiles);
  server.atlas.queries = queryRoutes(server);
  reportRoutes(server, server.atlas.queries);
  tableRoutes(server, server.atlas.queries);
  inspectionRoutes(server);
  historyRoutes(server);
  userRoutes(server);
  importPresetRoutes(server);
  await server.register(ioRoutes);
}
