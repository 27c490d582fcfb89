// Login, logout, who am I, and changing one's own password.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { LAYER_IDS } from '../../domain/layers.ts';
import { FailureLimiter } from '../auth/limiter.ts';
import { dummyPasswordHash, hashPassword, verifyPassword } from '../auth/password.ts';
import { canCreateOrDelete, canEditLayer } from '../auth/roles.ts';
import { endSession, startSession } from '../auth/session.ts';
import { ApiError, unauthorized } from '../errors.ts';
import { parse } from '../parse.ts';
import type { User } from '../store/types.ts';
import { newPassword } from './schemas.ts';

const loginBody = z.strictObject({ username: z.string().max(64), password: z.string().max(1024) });
const passwordBody = z.strictObject({ currentPassword: z.string().max(1024), newPassword });

export function tooManyAttempts(seconds: number): ApiError {
  return new ApiError(429, 'too-many-attempts', {
    zh: `尝试次数过多，请 ${seconds} 秒后再试。`,
    en: `Too many attempts; try again in ${seconds} seconds.`,
  });
}

const badCredentials = () =>
  new ApiError(401, 'invalid-credentials', {
    zh: '用户名或密码不正确。',
    en: 'The username or password is not right.',
  });

/** What the signed-in user may do, so the client can show only the controls that will work. */
export function describeUser(user: User) {
  return {
    user: { username: user.username, role: user.role },
    can: {
      inspect: user.role === 'inspector' || user.role === 'admin',
      editLayers: LAYER_IDS.filter((layer) => canEditLayer(user.role, layer)),
      createLayers: LAYER_IDS.filter((layer) => canCreateOrDelete(user.role, layer)),
      import: user.role === 'admin',
      manageUsers: user.role === 'admin',
    },
  };
}

export function authRoutes(server: FastifyInstance): void {
  const { store } = server.atlas;
  const limiter = new FailureLimiter();

  server.post('/api/login', { config: { access: 'public' } }, async (request, reply) => {
    const body = parse(loginBody, request.body, 'body');
    const name = body.username.normalize('NFC');
    const keys = [`ip:${request.ip}`, `user:${name.toLowerCase()}`];
    const wait = limiter.retryAfterSeconds(keys);
    if (wait > 0) {
      reply.header('Retry-After', String(wait));
      throw tooManyAttempts(wait);
    }
    const user = await store.getUser(name);
    const valid = await verifyPassword(body.password, user?.passwordHash ?? (await dummyPasswordHash()));
    if (!user || !valid || user.disabled) {
      limiter.fail(keys);
      throw badCredentials();
    }
    limiter.succeed(keys);
    await startSession(store, request, reply, user.username);
    return describeUser(user);
  });

  server.post('/api/logout', { config: { access: 'public' } }, async (request, reply) => {
    await endSession(store, request, reply);
    reply.status(204).send();
  });

  server.get('/api/me', { config: { access: 'session' } }, async (request) => {
    if (!request.user) throw unauthorized();
    return describeUser(request.user);
  });

  // Public and never a 401, so a first visit (not yet logged in) leaves no failed request in the
  // browser's console: whether this browser has a session, who it is, and whether setup is needed.
  server.get('/api/session', { config: { access: 'public' } }, async (request) => {
    if (request.user) return { signedIn: true, setupNeeded: false, ...describeUser(request.user) };
    return { signedIn: false, setupNeeded: (await store.countUsers()) === 0 };
  });

  server.post('/api/me/password', { config: { access: 'session' } }, async (request, reply) => {
    const body = parse(passwordBody, request.body, 'body');
    const me = request.user ? await store.getUser(request.user.username) : null;
    if (!me) throw unauthorized();
    const keys = [`user:${me.username.toLowerCase()}`];
    const wait = limiter.retryAfterSeconds(keys);
    if (wait > 0) {
      reply.header('Retry-After', String(wait));
      throw tooManyAttempts(wait);
    }
    if (!(await verifyPassword(body.currentPassword, me.passwordHash))) {
      limiter.fail(keys);
      throw badCredentials();
    }
    await store.updateUser(me.username, { passwordHash: await hashPassword(body.newPassword) }, me.username);
    // Every session of this user ended with the change; this browser gets a new one.
    await startSession(store, request, reply, me.username);
    reply.status(204).send();
  });
}
