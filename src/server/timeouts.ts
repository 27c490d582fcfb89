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
    // Node requires headersTimeout <= requestTimeout.
    http: {
      headersTimeout: Math.min(timeouts.headersMs, timeouts.importMs),
      requestTimeout: timeouts.importMs,
    },
  };
}

const requestTimedOut = (limitMs: number) => {
  const seconds = Number((limitMs / 1000).toFixed(1));
  return new ApiError(
    408,
    'request-timeout',
    {
      zh: `请求内容在 ${seconds} 秒内未传完，连接已关闭；请检查网络后重试。`,
      en: `The request body did not arrive within ${seconds} s; the connection is closed. Check the network and try again.`,
    },
    { limitSeconds: seconds },
  );
};

/**
 * Starts the body's clock when its headers are in; stops it when the body is complete. An upload route
 * gets the longer limit only once its request has been let in (a user, and no refusal sent yet): an
 * anonymous client trickling a body to /api/import is cut off at the ordinary limit.
 */
export function registerBodyTimeouts(server: FastifyInstance, timeouts: Timeouts): void {
  server.addHook('onRequest', (request, reply, done) => {
    const raw = request.raw;
    if (raw.complete) {
      done();
      return;
    }
    const upload = request.routeOptions.config?.body === 'upload';
    let limitMs = timeouts.bodyMs;
    const expire = () => {
      if (raw.complete) return;
      if (upload && limitMs < timeouts.importMs && request.user && !reply.sent) {
        timer = setTimeout(expire, timeouts.importMs - limitMs);
        timer.unref();
        limitMs = timeouts.importMs;
        return;
      }
      // A request injected in tests (light-my-request) has a stand-in socket without destroy(), and its
      // body-less GET never ends unread: its timer must not throw long after its answer.
      const socket = typeof raw.socket?.destroy === 'function' ? raw.socket : null;
      if (reply.sent) {
        socket?.destroy();
        return;
      }
      reply.raw.once('finish', () => socket?.destroy());
      reply.code(408).header('Connection', 'close').send(requestTimedOut(limitMs).toJSON());
    };
    let timer = setTimeout(expire, limitMs);
    timer.unref();
    const stop = () => clearTimeout(timer);
    raw.once('end', stop);
    raw.once('close', stop);
    done();
  });
}
