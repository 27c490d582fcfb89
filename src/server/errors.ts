// Errors a person can meet: a code for programs and a message in Chinese and English for people.
// Every refusal of the API is an ApiError; the error handler (app.ts) turns it into
// `{"error": code, "message": {zh, en}, ...details}` with its status, never a stack trace.

import type { Bilingual } from '../domain/i18n.ts';
import type { ErrorBody } from '../domain/wire.ts';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly bilingual: Bilingual;
  readonly details: Record<string, unknown>;

  constructor(status: number, code: string, message: Bilingual, details: Record<string, unknown> = {}) {
    super(message.en);
    this.status = status;
    this.code = code;
    this.bilingual = message;
    this.details = details;
  }

  /** The body of the refusal (src/domain/wire.ts), with its details beside code and message. */
  toJSON(): ErrorBody & Record<string, unknown> {
    return { error: this.code, message: this.bilingual, ...this.details };
  }
}

export const unauthorized = () =>
  new ApiError(401, 'unauthorized', { zh: '请先登录。', en: 'Please log in first.' });

export const forbidden = (what: Bilingual = { zh: '此操作', en: 'this action' }) =>
  new ApiError(403, 'forbidden', {
    zh: `您的角色无权进行${what.zh}。`,
    en: `Your role may not do ${what.en}.`,
  });

export const notFound = (what: Bilingual) =>
  new ApiError(404, 'not-found', { zh: `找不到${what.zh}。`, en: `${what.en} was not found.` });
