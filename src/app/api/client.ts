// A small typed client for the Land Atlas API: same-origin cookies, JSON in and out, every refusal as
// an ApiError with the server's status, code and bilingual message. A 401 on any call but the ones
// that ask who is signed in sends the person back to the login screen (onUnauthorized).

import './zod-config.ts';
import type { z } from 'zod';
import type { Bilingual, Lang } from '../../domain/i18n.ts';
import { errorBody } from '../../domain/wire.ts';

const NETWORK_MESSAGE: Bilingual = {
  zh: '无法连接服务器，请检查网络后重试。',
  en: 'The server could not be reached; check the network and try again.',
};

const UNEXPECTED_MESSAGE: Bilingual = {
  zh: '服务器的回答无法识别，请稍后重试。',
  en: 'The server’s answer was not understood; try again later.',
};

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly bilingual: Bilingual;
  /** The whole error body (e.g. `current` of a 409), as the server sent it. */
  readonly body: Record<string, unknown>;
  /** Seconds to wait before another try (429), from Retry-After. */
  readonly retryAfterSeconds: number | null;

  constructor(
    status: number,
    code: string,
    message: Bilingual,
    body: Record<string, unknown> = {},
    retryAfterSeconds: number | null = null,
  ) {
    super(message.en);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.bilingual = message;
    this.body = body;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  text(lang: Lang): string {
    return this.bilingual[lang];
  }
}

/** The message of any error for a person, in the UI language. */
export function errorText(error: unknown, lang: Lang): string {
  if (error instanceof ApiError) return error.text(lang);
  return UNEXPECTED_MESSAGE[lang];
}

let unauthorizedHandler: (() => void) | null = null;

/** Called on a 401 from any request that is not itself about signing in. */
export function onUnauthorized(handler: (() => void) | null): void {
  unauthorizedHandler = handler;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Sent as JSON, or as it is for FormData. */
  body?: unknown;
  /** A 401 here is an answer (wrong password), not an ended session. */
  authRequest?: boolean;
  signal?: AbortSignal;
  /**
   * The ETag of the copy the app holds: sent as If-None-Match past the browser's own cache, and a 304
   * answer is returned (not thrown) for the caller to keep its copy.
   */
  ifNoneMatch?: string;
  /** Sent as Idempotency-Key: a retry with the same key is answered as the first, writing nothing. */
  idempotencyKey?: string;
}

function retryAfter(response: Response): number | null {
  const value = response.headers.get('Retry-After');
  if (!value) return null;
  const seconds = Number(value);
  return Number.isFinite(seconds) && seconds >= 0 ? Math.ceil(seconds) : null;
}

async function toApiError(response: Response): Promise<ApiError> {
  let json: unknown = null;
  try {
    json = await response.json();
  } catch {
    // Not JSON (a proxy's error page, say): fall through to a generic message.
  }
  const parsed = errorBody.safeParse(json);
  if (parsed.success) {
    return new ApiError(
      response.status,
      parsed.data.error,
      parsed.data.message,
      json as Record<string, unknown>,
      retryAfter(response),
    );
  }
  return new ApiError(
    response.status,
    `http-${response.status}`,
    {
      zh: `服务器返回错误（HTTP ${response.status}）。`,
      en: `The server answered with an error (HTTP ${response.status}).`,
    },
    {},
    retryAfter(response),
  );
}

/** The raw response of a successful request; an ApiError otherwise. */
export async function send(path: string, options: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.ifNoneMatch) headers['If-None-Match'] = options.ifNoneMatch;
  if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) body = options.body;
  else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? 'GET',
      credentials: 'same-origin',
      headers,
      ...(body === undefined ? {} : { body }),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.ifNoneMatch ? { cache: 'no-store' as const } : {}),
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'network', NETWORK_MESSAGE);
  }
  if (response.ok || (options.ifNoneMatch && response.status === 304)) return response;
  const error = await toApiError(response);
  if (response.status === 401 && !options.authRequest) unauthorizedHandler?.();
  throw error;
}

/** A JSON answer checked against its schema: what the app relies on is what the server sent. */
export async function request<T extends z.ZodType>(
  schema: T,
  path: string,
  options: RequestOptions = {},
): Promise<z.infer<T>> {
  const response = await send(path, options);
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    throw new ApiError(response.status, 'unexpected-response', UNEXPECTED_MESSAGE);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new ApiError(response.status, 'unexpected-response', UNEXPECTED_MESSAGE, {
      issues: parsed.error.issues,
    });
  }
  return parsed.data;
}

/** A request whose answer carries nothing the app needs (204, say). */
export async function requestVoid(path: string, options: RequestOptions = {}): Promise<void> {
  await send(path, options);
}
