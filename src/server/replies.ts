// How refusals leave the server: ApiErrors as they are, Fastify's and the multipart plugin's own
// errors with a bilingual message, anything unexpected as a 500 that is logged, never shown.

import { posix } from 'node:path';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { Bilingual } from '../domain/i18n.ts';
import type { ErrorBody } from '../domain/wire.ts';
import { HashBusyError } from './auth/password.ts';
import { ApiError } from './errors.ts';

const INVALID_JSON: Bilingual = {
  zh: '请求内容不是有效的 JSON。',
  en: 'The request body is not valid JSON.',
};

/** A refusal's body, as the API's shape (src/domain/wire.ts) says. */
const refusal = (error: string, message: Bilingual): ErrorBody => ({ error, message });

const KNOWN: Record<string, { code: string; message: Bilingual }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: {
    code: 'body-too-large',
    message: { zh: '请求内容太大。', en: 'The request body is too large.' },
  },
  FST_REQ_FILE_TOO_LARGE: {
    code: 'file-too-large',
    message: { zh: '文件太大（照片最多 10 MB）。', en: 'The file is too large (photos: 10 MB at most).' },
  },
  FST_FILES_LIMIT_REACHED: {
    code: 'too-many-files',
    message: { zh: '一次只能上传一个文件。', en: 'Send one file at a time.' },
  },
  FST_PARTS_LIMIT: {
    code: 'too-many-parts',
    message: { zh: '表单内容太多。', en: 'The form has too many parts.' },
  },
  FST_INVALID_MULTIPART_CONTENT_TYPE: {
    code: 'not-multipart',
    message: { zh: '请以 multipart/form-data 上传文件。', en: 'Send the file as multipart/form-data.' },
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: 'unsupported-media-type',
    message: { zh: '不支持此内容类型，请发送 JSON。', en: 'This content type is not supported; send JSON.' },
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    code: 'empty-body',
    message: { zh: '请求内容为空。', en: 'The request body is empty.' },
  },
  FST_ERR_MAX_PARAM_LENGTH: {
    code: 'path-too-long',
    message: {
      zh: '地址中的编号太长（要素编号最多 128 个字符）。',
      en: 'A name in the address is too long (feature ids have 128 characters at most).',
    },
  },
  FST_ERR_BAD_URL: {
    code: 'bad-url',
    message: { zh: '地址中有无效的 % 转义。', en: 'The address has an invalid %-escape.' },
  },
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'invalid-json', message: INVALID_JSON },
};

export function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  if (error instanceof ApiError) {
    reply.status(error.status).send(error.toJSON());
    return;
  }
  // Too many password hashes waiting: come back in a moment (auth/password.ts).
  if (error instanceof HashBusyError) {
    reply
      .header('Retry-After', String(error.retryAfterSeconds))
      .status(503)
      .send(
        refusal('busy', {
          zh: '登录请求过多，请稍后再试。',
          en: 'Too many logins at once; try again in a moment.',
        }),
      );
    return;
  }
  // The file server refuses an odd spelling of a path (`//x`, `/a/../x`): nothing is there either.
  if (error.code === 'FST_STATIC_FORBIDDEN_PATH') {
    sendNotFound(request, reply);
    return;
  }
  const known = KNOWN[error.code];
  const status = error.statusCode ?? 500;
  if (known) {
    reply.status(status >= 400 && status < 500 ? status : 400).send(refusal(known.code, known.message));
    return;
  }
  if (error instanceof SyntaxError || error.code?.startsWith('FST_ERR_CTP')) {
    reply.status(400).send(refusal('invalid-json', INVALID_JSON));
    return;
  }
  if (status >= 400 && status < 500) {
    reply.status(status).send(
      refusal('bad-request', {
        zh: `请求无效：${error.message}`,
        en: `The request is not valid: ${error.message}`,
      }),
    );
    return;
  }
  request.log.error(error);
  reply.status(500).send(
    refusal('internal', {
      zh: '服务器内部出错，此操作未完成。请稍后再试；若仍出错，请联系管理员。',
      en: 'The server failed; nothing was changed. Try again later, and tell the administrator if it persists.',
    }),
  );
}

/**
 * Whether a request target names the API in any spelling (`/API/x`, `//api/x`, `/%61pi/x`,
 * `/x/../api/x`, `http://host/api/x`): such a request gets a JSON 404, never the app's page.
 */
function looksLikeApi(target: string): boolean {
  let path = target.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '');
  // Decoded until nothing changes (`%2561` → `%61` → `a`), a few rounds at most.
  for (let round = 0; round < 4 && path.includes('%'); round++) {
    try {
      path = decodeURIComponent(path);
    } catch {
      break; // malformed escapes: judged as written
    }
  }
  path = posix.normalize(`/${path.toLowerCase().replace(/\\/g, '/')}`);
  return path === '/api' || path.startsWith('/api/');
}

/** Unknown /api routes get a JSON 404; any other GET gets the app, whose router knows /setup etc. */
export function handleNotFound(serveApp: boolean) {
  return (request: FastifyRequest, reply: FastifyReply): void => {
    const path = request.url.split('?')[0] ?? '';
    if (serveApp && request.method === 'GET' && !looksLikeApi(path) && !path.includes('.')) {
      reply.header('Cache-Control', 'no-cache');
      reply.sendFile('index.html');
      return;
    }
    sendNotFound(request, reply);
  };
}

function sendNotFound(request: FastifyRequest, reply: FastifyReply): void {
  const path = request.url.split('?')[0] ?? '';
  reply.header('Cache-Control', 'no-store');
  reply
    .status(404)
    .send(refusal('not-found', { zh: `没有这个地址：${path}`, en: `There is nothing at ${path}.` }));
}
