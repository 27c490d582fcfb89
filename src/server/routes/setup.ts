// First start: with no users, the server prints a one-time link (main.ts) whose token creates the
// first admin here. The token is stored hashed and works once; a later start prints a new one.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { FailureLimiter } from '../auth/limiter.ts';
import { hashPassword } from '../auth/password.ts';
import { hashToken, startSession } from '../auth/session.ts';
import { ApiError } from '../errors.ts';
import { parse } from '../parse.ts';
import { describeUser, tooManyAttempts } from './auth.ts';
import { newPassword, username } from './schemas.ts';

const setupBody = z.strictObject({ token: z.string().max(128), username, password: newPassword });

export function setupRoutes(server: FastifyInstance): void {
  const { store } = server.atlas;
  const limiter = new FailureLimiter();

  server.get('/api/setup', { config: { access: 'public' } }, async () => ({
    needed: (await store.countUsers()) === 0,
  }));

  server.post('/api/setup', { config: { access: 'public' } }, async (request, reply) => {
    const keys = [`ip:${request.ip}`];
    const wait = limiter.retryAfterSeconds(keys);
    if (wait > 0) {
      reply.header('Retry-After', String(wait));
      throw tooManyAttempts(wait);
    }
    const body = parse(setupBody, request.body, 'body');
    if ((await store.countUsers()) > 0) {
      throw new ApiError(409, 'setup-done', {
        zh: '系统已设置完毕，请直接登录。',
        en: 'Land Atlas is already set up; log in instead.',
      });
    }
    const passwordHash = await hashPassword(body.password);
    const user = await store.completeSetup(hashToken(body.token), body.username, passwordHash);
    if (!user) {
      limiter.fail(keys);
      throw new ApiError(403, 'setup-token-invalid', {
        zh: '设置链接无效或已用过。请使用服务器本次启动时打印的链接。',
        en: 'The setup link is not valid or was used already. Use the link the server printed when it last started.',
      });
    }
    await startSession(store, request, reply, user.username);
    reply.status(201);
    return describeUser(user);
  });
}
