// The analysis Web Worker: src/worker/analysisApi.ts exposed through comlink. The app starts it with
// `new Worker(new URL('../../worker/analysis.worker.ts', import.meta.url), { type: 'module' })`
// (src/app/analysis/client.ts), so the geometry runs off the main thread and the map stays responsive.
import { expose } from 'comlink';
import { createAnalysisApi } from './analysisApi.ts';

expose(createAnalysisApi());
