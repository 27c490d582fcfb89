// The Idempotency-Key header of the write routes (POST/PATCH/DELETE of features, inspections, photos).
// A client (the app's outbox: the intent's id) sends the same key with every retry of one write:
// - the first request that commits keeps its answer with the key, in the write's own transaction
//   (store/idempotency.ts);
// - a retry with the same key, route and request gets that answer again (same status and body,
//   header `Idempotent-Replayed: true`) and writes nothing;
// - the same key with another route or request is refused: 422 `idempotency-key-reused`;
// - two requests with one key at once: one writes, the other waits for it and gets its answer.
// A refused write (409, 404, 422 …) keeps nothing: it wrote nothing, and a retry is judged anew.
// Keys are per user: another user's key never answers.
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from './errors.ts';
import {
  type KeptRecord,
  type KeptReply,
  KeyAlreadyUsed,
  type KeyClaim,
  withKey,
} from './store/idempotency.ts';
import type { Store } from './store/types.ts';

const KEY = /^[A-Za-z0-9_.:-]{8,128}$/;

/** The request's Idempotency-Key, or null without one; a malformed one is 400. */
function keyOf(request: FastifyRequest): string | null {
  const value = request.headers['idempotency-key'];
  if (value === undefined) return null;
  if (typeof value !== 'string' || !KEY.test(value)) {
    throw new ApiError(400, 'invalid-idempotency-key', {
      zh: 'Idempotency-Key 须为 8–128 个字母、数字或 _.:- 字符（如 UUID）。',
      en: 'Idempotency-Key must be 8–128 letters, digits or _.:- characters (a UUID, say).',
    });
  }
  return value;
}

/** SHA-256 of what a JSON request asks: its query and body. */
function requestFingerprint(request: FastifyRequest): string {
  const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
  return createHash('sha256')
    .update(`${query}\n${JSON.stringify(request.body ?? null)}`)
    .digest('hex');
}

const reused = () =>
  new ApiError(422, 'idempotency-key-reused', {
    zh: '此 Idempotency-Key 已用于另一个不同的请求，未执行任何更改。每次不同的修改请使用新的键。',
    en: 'This Idempotency-Key was already used for a different request; nothing was changed. Use a new key for each different change.',
  });

function replayOf(kept: KeptRecord, claim: KeyClaim): KeptReply {
  if (kept.route !== claim.route || kept.fingerprint !== claim.fingerprint) throw reused();
  return { status: kept.status, body: kept.body };
}

export type Keyed<T> = { replay: KeptReply } | { result: T };

/**
 * Runs one store write under the request's Idempotency-Key, if it has one: `keep` says what answer
 * the write's result gets (null for a refusal). `fingerprint` defaults to the JSON request's.
 */
export async function keyed<T>(
  request: FastifyRequest,
  store: Store,
  keep: (result: T) => KeptReply | null,
  write: () => Promise<T>,
  fingerprint: string = requestFingerprint(request),
): Promise<Keyed<T>> {
  const key = keyOf(request);
  const user = request.user?.username;
  if (key === null || !user) return { result: await write() };
  const claim: KeyClaim = {
    user,
    key,
    // The route as matched and its decoded parameters, not the raw path: any spelling of one feature's
    // address (`%48S-T-1` for `HS-T-1`, a Chinese id encoded or not) is the same write.
    route: `${request.method} ${request.routeOptions.url ?? ''} ${JSON.stringify(request.params ?? {})}`,
    fingerprint,
  };
  const kept = await store.keptReply(user, key);
  if (kept) return { replay: replayOf(kept, claim) };
  try {
    return { result: await withKey(claim, keep, write) };
  } catch (error) {
    if (!(error instanceof KeyAlreadyUsed)) throw error;
    // Another request with this key committed first (a retry sent while this one was under way).
    const first = await store.keptReply(user, key);
    if (!first) throw error;
    return { replay: replayOf(first, claim) };
  }
}

/** The kept answer of a replay, as a route returns it. */
export function sendReplay(reply: FastifyReply, replay: KeptReply): unknown {
  reply.status(replay.status);
  reply.header('Idempotent-Replayed', 'true');
  return replay.body;
}

/** Whether a request carries an Idempotency-Key that already has a kept answer (checked early by
 *  routes that refuse on a count before the write, so a retry gets its answer and not the refusal). */
export async function hasKeptReply(request: FastifyRequest, store: Store): Promise<boolean> {
  const key = keyOf(request);
  const user = request.user?.username;
  return key !== null && !!user && (await store.keptReply(user, key)) !== null;
}
