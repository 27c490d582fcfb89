// Starts a worker thread on one of the server's TypeScript modules. Under tsx (tests, `npm start`) a
// worker thread cannot load TypeScript by itself: it starts by registering tsx and importing the module
// through it. Used by the validation pool, the import job, the tile service and the query service.
import { Worker, type WorkerOptions } from 'node:worker_threads';

export function startTsWorker(module: URL, options: Omit<WorkerOptions, 'eval'> & { name: string }): Worker {
  const tsx = import.meta.resolve('tsx/esm/api');
  const code = `import(${JSON.stringify(tsx)}).then((api) => api.tsImport(${JSON.stringify(module.href)}, ${JSON.stringify(import.meta.url)}))`;
  return new Worker(code, { ...options, eval: true });
}
