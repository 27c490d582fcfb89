// Time limits, so that no client can hold a connection open by sending slowly: headers within
// headersMs (Node's headersTimeout), a body within bodyMs of its headers (an upload: importMs), and any
// whole request within importMs (Node's requestTimeout, a backstop). A body not complete in time gets
// 408 with a bilingual message and the connection is closed.
import type { ServerOptions } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { Timeouts } from './config.ts';
import { ApiError } from './errors.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** 'upload': an import or a photo, which may take longer to arrive than an ordinary body. */
    body?: 'upload';
  }
}

/** The options of Fastify and of Node's HTTP server that carry the limits. */
export function serverTimeoutOptions(timeouts: Timeouts): {
  requestTimeout: number;
  connectionTimeout: number;
  http: ServerOptions;
} {
  return {
    requestTimeout: timeouts.importMs,
    connectionTimeout: timeouts.importMs,
    http: { headersTimeout: timeouts.headersMs, requestTimeout: timeouts.importMs },
  };
}

export const requestTimedOut = (seconds: number) =>
  new ApiError(408, 'request-timeout', {
    zh: `请求内容在 ${seconds} 秒内未传完，连接已关闭；请检查网络后重试。`,
    en: `The request body did not arrive within ${seconds} s; the connection is closed. Check the network and try again.`,
  });

/** Starts the body's clock when its headers are in; stops it when the body is complete. */
export function registerBodyTimeouts(server: FastifyInstance, timeouts: Timeouts): void {
  server.addHook('onRequest', (request, reply, done) => {
    const raw = request.raw;
    if (raw.complete) {
      done();
      return;
    }
    const limitMs = request.routeOptions.config?.body === 'upload' ? timeouts.importMs : timeouts.bodyMs;
    const expire = () => {
      if (raw.complete) return;
      const socket = raw.socket;
      if (reply.sent) {
        socket?.destroy();
        return;
      }
      reply.raw.once('finish', () => socket?.destroy());
      reply
        .code(408)
        .header('Connection', 'close')
        .send(requestTimedOut(Math.round(limitMs / 1000)).toJSON());
    };
    const timer = setTimeout(expire, limitMs);
    timer.unref();
    const stop = () => clearTimeout(timer);
    raw.once('end', stop);
    raw.once('close', stop);
    done();
  });
}
