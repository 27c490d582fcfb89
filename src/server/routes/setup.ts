// First start: with no users, the server prints a one-time link (main.ts) whose token creates the
// first admin here. The token is stored hashed and works once; a later start prints a new one.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AttemptLimiter } from '../auth/limiter.ts';
import { hashPassword } from '../auth/password.ts';
import { hashToken, startSession } from '../auth/session.ts';
import { refuseWeakPassword } from '../auth/weak-password.ts';
import { LOGIN_MAX_FAILURES } from '../config.ts';
import { ApiError } from '../errors.ts';
import { parse } from '../parse.ts';
import type { User } from '../store/types.ts';
import { describeUser, tooManyAttempts } from './auth.ts';
import { newPassword, username } from './schemas.ts';

const setupBody = z.strictObject({ token: z.string().max(128), username, password: newPassword });

export function setupRoutes(server: FastifyInstance): void {
  const { store } = server.atlas;
  const limiter = new AttemptLimiter();

  server.get('/api/setup', { config: { access: 'public' } }, async () => ({
    needed: (await store.countUsers()) === 0,
  }));

  server.post('/api/setup', { config: { access: 'public' } }, async (request, reply) => {
    // Counted before the password is hashed, so a flood of wrong tokens hashes no more than the limit.
    const attempt = limiter.attempt([{ key: `address:${request.ip}`, max: LOGIN_MAX_FAILURES }]);
    if (!attempt.allowed) throw tooManyAttempts(reply, attempt.retryAfterSeconds);
    let user: User | null = null;
    try {
      const body = parse(setupBody, request.body, 'body');
      if ((await store.countUsers()) > 0) {
        throw new ApiError(409, 'setup-done', {
          zh: '系统已设置完毕，请直接登录。',
          en: 'Land Atlas is already set up; log in instead.',
        });
      }
      refuseWeakPassword(body.password, body.username);
      const passwordHash = await hashPassword(body.password);
      user = await store.completeSetup(hashToken(body.token), body.username, passwordHash);
    } catch (error) {
      attempt.cancel();
      throw error;
    }
    if (!user) {
      throw new ApiError(403, 'setup-token-invalid', {
        zh: '设置链接无效或已用过。请使用服务器本次启动时打印的链接。',
        en: 'The setup link is not valid or was used already. Use the link the server printed when it last started.',
      });
    }
    attempt.succeed();
    await startSession(store, request, reply, user.username);
    reply.status(201);
    return describeUser(user);
  });
}
