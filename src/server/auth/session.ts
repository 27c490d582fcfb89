// Sessions: a random 32-byte token in an HttpOnly, SameSite=Strict cookie; only its SHA-256 is stored,
// so a copy of the database (a backup, say) holds no usable session.
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { SESSION_COOKIE, SESSION_TTL_MS } from '../config.ts';
import type { Store } from '../store/types.ts';

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function startSession(
  store: Store,
  request: FastifyRequest,
  reply: FastifyReply,
  username: string,
): Promise<void> {
  const token = newToken();
  const expiresAt = Date.now() + SESSION_TTL_MS;
  await store.createSession(hashToken(token), username, expiresAt);
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    path: '/',
    secure: request.server.atlas.secureCookies || request.protocol === 'https',
    maxAge: Math.floor(SESSION_TTL_MS / 1000),
  });
}

export function sessionToken(request: FastifyRequest): string | null {
  const token = request.cookies[SESSION_COOKIE];
  return token && /^[A-Za-z0-9_-]{43}$/.test(token) ? token : null;
}

export async function endSession(store: Store, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const token = sessionToken(request);
  if (token) await store.deleteSession(hashToken(token));
  reply.clearCookie(SESSION_COOKIE, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: request.server.atlas.secureCookies || request.protocol === 'https',
  });
}
