// Admin API for accounts: list, create, change role, password or disabled. The last active admin
// cannot be demoted or disabled, so nobody locks the bureau out of its own atlas (the store checks it
// inside the transaction that writes the change).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { UserList } from '../../domain/wire.ts';
import { hashPassword } from '../auth/password.ts';
import { ADMIN } from '../auth/roles.ts';
import { refuseWeakPassword } from '../auth/weak-password.ts';
import { ApiError, notFound, unauthorized } from '../errors.ts';
import { parse } from '../parse.ts';
import { LastAdminError } from '../store/accounts.ts';
import type { UserChange } from '../store/types.ts';
import { newPassword, role, username } from './schemas.ts';

const createBody = z.strictObject({ username, role, password: newPassword });
const patchBody = z
  .strictObject({ role: role.optional(), password: newPassword.optional(), disabled: z.boolean().optional() })
  .refine((body) => Object.keys(body).length > 0, 'names nothing to change');
const nameParams = z.strictObject({ name: z.string().min(1).max(64) });

const lastAdmin = () =>
  new ApiError(409, 'last-admin', {
    zh: '这是唯一可用的管理员账号，不能降级或停用。请先设另一位管理员。',
    en: 'This is the only active administrator; it cannot be demoted or disabled. Make another admin first.',
  });

export function userRoutes(server: FastifyInstance): void {
  const { store } = server.atlas;

  server.get(
    '/api/users',
    { config: { access: ADMIN } },
    async (): Promise<UserList> => ({
      users: await store.listUsers(),
    }),
  );

  server.post('/api/users', { config: { access: ADMIN } }, async (request, reply) => {
    if (!request.user) throw unauthorized();
    const body = parse(createBody, request.body, 'body');
    refuseWeakPassword(body.password, body.username);
    const user = await store.createUser(
      body.username,
      body.role,
      await hashPassword(body.password),
      request.user.username,
    );
    if (!user) {
      throw new ApiError(409, 'user-exists', {
        zh: `用户 ${body.username} 已存在。`,
        en: `User ${body.username} exists already.`,
      });
    }
    reply.status(201);
    return user;
  });

  server.patch('/api/users/:name', { config: { access: ADMIN } }, async (request) => {
    if (!request.user) throw unauthorized();
    const { name } = parse(nameParams, request.params, 'params');
    const body = parse(patchBody, request.body, 'body');
    const target = await store.getUser(name);
    if (!target) throw notFound({ zh: `用户 ${name}`, en: `User ${name}` });
    if (body.password) refuseWeakPassword(body.password, target.username);
    const change: UserChange = {};
    if (body.role) change.role = body.role;
    if (body.disabled !== undefined) change.disabled = body.disabled;
    if (body.password) change.passwordHash = await hashPassword(body.password);
    try {
      const user = await store.updateUser(target.username, change, request.user.username);
      if (!user) throw notFound({ zh: `用户 ${name}`, en: `User ${name}` });
      return user;
    } catch (error) {
      if (error instanceof LastAdminError) throw lastAdmin();
      throw error;
    }
  });
}
