// Login, logout, who am I, and changing one's own password.

import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { LAYER_IDS } from '../../domain/layers.ts';
import { loginRequest, type Me, type Session } from '../../domain/wire.ts';
import { AttemptLimiter, type Limit, loginLimits } from '../auth/limiter.ts';
import { dummyPasswordHash, hashPassword, verifyPassword } from '../auth/password.ts';
import { canCreateOrDelete, canEditLayer } from '../auth/roles.ts';
import { endSession, startSession } from '../auth/session.ts';
import { canonicalUsername } from '../auth/username.ts';
import { refuseWeakPassword } from '../auth/weak-password.ts';
import { ApiError, unauthorized } from '../errors.ts';
import { parse } from '../parse.ts';
import type { User } from '../store/types.ts';
import { newPassword } from './schemas.ts';

const passwordBody = z.strictObject({ currentPassword: z.string().max(1024), newPassword });

export function tooManyAttempts(reply: FastifyReply, seconds: number): ApiError {
  reply.header('Retry-After', String(seconds));
  return new ApiError(429, 'too-many-attempts', {
    zh: `尝试次数过多，请 ${seconds} 秒后再试。`,
    en: `Too many attempts; try again in ${seconds} seconds.`,
  });
}

/**
 * Checks a password under the limits: the attempt is counted before the hash is computed, given back
 * when the password is right (or was never checked), kept when it is wrong. False for a wrong one.
 */
async function checkPasswordLimited(
  limiter: AttemptLimiter,
  limits: readonly Limit[],
  reply: FastifyReply,
  check: () => Promise<boolean>,
): Promise<boolean> {
  const attempt = limiter.attempt(limits);
  if (!attempt.allowed) throw tooManyAttempts(reply, attempt.retryAfterSeconds);
  let valid: boolean;
  try {
    valid = await check();
  } catch (error) {
    attempt.cancel();
    throw error;
  }
  if (valid) attempt.succeed();
  return valid;
}

const badCredentials = () =>
  new ApiError(401, 'invalid-credentials', {
    zh: '用户名或密码不正确。',
    en: 'The username or password is not right.',
  });

/** What the signed-in user may do, so the client can show only the controls that will work. */
export function describeUser(user: User): Me {
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
  const limiter = new AttemptLimiter();

  server.post('/api/login', { config: { access: 'public' } }, async (request, reply) => {
    const body = parse(loginRequest, request.body, 'body');
    const limits = loginLimits(canonicalUsername(body.username), request.ip);
    const user = await store.getUser(body.username);
    // An unknown name costs a hash too, so it cannot be told from a wrong password by time.
    const stored = user?.passwordHash ?? (await dummyPasswordHash());
    // A disabled account counts as a wrong password, so the limit says nothing about which it was.
    const valid = await checkPasswordLimited(
      limiter,
      limits,
      reply,
      async () => (await verifyPassword(body.password, stored)) && user !== null && !user.disabled,
    );
    if (!valid || !user) throw badCredentials();
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
    const answer: Session = request.user
      ? { signedIn: true, setupNeeded: false, ...describeUser(request.user) }
      : { signedIn: false, setupNeeded: (await store.countUsers()) === 0 };
    return answer;
  });

  server.post('/api/me/password', { config: { access: 'session' } }, async (request, reply) => {
    const body = parse(passwordBody, request.body, 'body');
    const me = request.user ? await store.getUser(request.user.username) : null;
    if (!me) throw unauthorized();
    const limits = loginLimits(canonicalUsername(me.username), request.ip);
    const valid = await checkPasswordLimited(limiter, limits, reply, () =>
      verifyPassword(body.currentPassword, me.passwordHash),
    );
    if (!valid) throw badCredentials();
    refuseWeakPassword(body.newPassword, me.username, 'newPassword');
    await store.updateUser(me.username, { passwordHash: await hashPassword(body.newPassword) }, me.username);
    // Every session of this user ended with the change; this browser gets a new one.
    await startSession(store, request, reply, me.username);
    reply.status(204).send();
  });
}
