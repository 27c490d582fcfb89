// Search, the analysis and the parks' holdings over the store's layers, answered by one worker thread
// (query-worker.ts) that holds each layer at its current revision. Store-agnostic, like the tile
// service: it reads revisions and snapshots through the Store interface only.
//
// A question reads the revisions of the layers it needs (cheap); a layer the worker does not hold at
// that revision is sent to it again — once however many ask together. The analysis and the holdings
// are cached per the revisions of the layers they read, and concurrent requests for the same revisions
// share one computation; the request thread only fetches snapshot texts, so /api/health and everything
// else are served while the worker computes.
import type { Worker } from 'node:worker_threads';
import type { LayerId } from '../../domain/layers.ts';
import type { SearchLayerId } from '../../domain/search.ts';
import type { TableLayerId } from '../../domain/table-filter.ts';
import type { AnalysisResult, OverlapShape } from '../../geo/analysis.ts';
import { chinaDayStart, type ProgressReport } from '../../geo/progress-report.ts';
import type { Store } from '../store/types.ts';
import { startTsWorker } from '../ts-worker.ts';
import { WorkerClient } from '../worker-client.ts';
import {
  ANALYSED_LAYERS,
  HOLDING_LAYERS,
  type Holdings,
  type QueryAnswer,
  type QueryJob,
  type Revisions,
  type TableBase,
} from './query-worker.ts';
import type { IndexedMatch } from './search-index.ts';

type JobBody = QueryJob extends infer J ? (J extends QueryJob ? Omit<J, 'id'> : never) : never;

function startWorker(): Worker {
  return startTsWorker(new URL('./query-worker.ts', import.meta.url), { name: 'atlas-queries' });
}

interface Held {
  /** The revision read when the load started; `ready` resolves with the one loaded (maybe newer). */
  revision: string;
  ready: Promise<string>;
}

export interface Computed<T> {
  /** The revisions of the layers the answer was computed from. */
  revisions: Revisions;
  /** How long the worker took, ms. */
  ms: number;
  value: T;
}

/** One computation per set of revisions: the latest kept, concurrent askers share it. */
class PerRevisions<T> {
  private key: string | null = null;
  private value: Promise<Computed<T>> | null = null;
  /** Computations started (for tests and the benchmark). */
  runs = 0;

  get(revisions: Revisions, compute: () => Promise<Computed<T>>): Promise<Computed<T>> {
    const key = JSON.stringify(revisions);
    if (this.key === key && this.value) return this.value;
    this.runs++;
    const value = compute();
    this.key = key;
    this.value = value;
    value.catch(() => {
      if (this.value === value) {
        this.key = null;
        this.value = null;
      }
    });
    return value;
  }
}

const ATTEMPTS = 5;
/** Feature texts per message when a layer is sent in parts. */
const PART = 2000;

export class QueryService {
  private readonly store: Store;
  /** The query worker: whatever it held is gone with it, and the next question loads again on a new one. */
  private readonly worker = new WorkerClient<QueryJob, QueryAnswer>('query worker', startWorker, () =>
    this.layers.clear(),
  );
  private nextLoad = 1;
  private readonly layers = new Map<LayerId, Held>();
  readonly analyses = new PerRevisions<AnalysisResult>();
  readonly holdingSums = new PerRevisions<Holdings>();
  private readonly tables = new Map<TableLayerId, PerRevisions<TableBase[]>>();

  constructor(store: Store) {
    this.store = store;
  }

  /** The best `limit` matches of the query in these layers (src/domain/search.ts order). */
  async search(query: string, layers: readonly SearchLayerId[], limit: number): Promise<IndexedMatch[]> {
    const answer = await this.ask(layers, (revisions) => ({
      kind: 'search',
      revisions,
      layers: [...layers],
      query,
      limit,
    }));
    if (!('matches' in answer)) throw new Error('query worker: unexpected answer to a search');
    return answer.matches;
  }

  /** The analysis of the layers at their current revisions (computed once per revisions). */
  async analysis(): Promise<Computed<AnalysisResult>> {
    const revisions = await this.readyAll(ANALYSED_LAYERS);
    return this.analyses.get(revisions, async () => {
      const answer = await this.askAt(ANALYSED_LAYERS, revisions, (held) => ({
        kind: 'analysis',
        revisions: held,
      }));
      if (!('analysis' in answer.answer)) throw new Error('query worker: unexpected answer to an analysis');
      return { revisions: answer.revisions, ms: answer.answer.ms, value: answer.answer.analysis };
    });
  }

  /** What each park holds of plots, projects and new land at their current revisions. */
  async holdings(): Promise<Computed<Holdings>> {
    const layers = ['parks', ...HOLDING_LAYERS] as const;
    const revisions = await this.readyAll(layers);
    return this.holdingSums.get(revisions, async () => {
      const answer = await this.askAt(layers, revisions, (held) => ({ kind: 'holdings', revisions: held }));
      if (!('holdings' in answer.answer)) throw new Error('query worker: unexpected answer to holdings');
      return { revisions: answer.revisions, ms: answer.answer.ms, value: answer.answer.holdings };
    });
  }

  /**
   * The progress report (进度通报) from `since` to `today` over the layers at their current revisions,
   * with the plots' status changes since that day read from the history.
   */
  async report(since: string, today: string): Promise<Computed<ProgressReport>> {
    const revisions = await this.readyAll(ANALYSED_LAYERS);
    const statusChanges = await this.store.statusChanges('plots', chinaDayStart(since));
    const answer = await this.askAt(ANALYSED_LAYERS, revisions, (held) => ({
      kind: 'report',
      revisions: held,
      since,
      today,
      statusChanges,
    }));
    if (!('report' in answer.answer)) throw new Error('query worker: unexpected answer to a report');
    return { revisions: answer.revisions, ms: answer.answer.ms, value: answer.answer.report };
  }

  /**
   * The data table's rows of a layer at its current revision (and the parks'), computed once per
   * revisions; the store's inspection dates are added by the caller, as they change without the layer.
   */
  async table(layer: TableLayerId): Promise<Computed<TableBase[]>> {
    const layers: LayerId[] = layer === 'zones' ? ['zones'] : [layer, 'parks'];
    const revisions = await this.readyAll(layers);
    let cache = this.tables.get(layer);
    if (!cache) {
      cache = new PerRevisions<TableBase[]>();
      this.tables.set(layer, cache);
    }
    return cache.get(revisions, async () => {
      const answer = await this.askAt(layers, revisions, (held) => ({
        kind: 'table',
        revisions: held,
        layer,
      }));
      if (!('table' in answer.answer)) throw new Error('query worker: unexpected answer to a table');
      return { revisions: answer.revisions, ms: answer.answer.ms, value: answer.answer.table };
    });
  }

  /** The shared geometry of two plots, as the analysis worker of the app cuts it. */
  async overlap(a: string, b: string): Promise<OverlapShape | null> {
    const answer = await this.ask(['plots'], (revisions) => ({ kind: 'overlap', revisions, a, b }));
    if (!('overlap' in answer)) throw new Error('query worker: unexpected answer to an overlap');
    return answer.overlap;
  }

  private async ask(
    layers: readonly LayerId[],
    job: (revisions: Revisions) => JobBody,
  ): Promise<QueryAnswer> {
    return (await this.askAt(layers, await this.readyAll(layers), job)).answer;
  }

  /** Asks at these revisions; when a layer moved on meanwhile, loads it and asks again. */
  private async askAt(
    layers: readonly LayerId[],
    first: Revisions,
    job: (revisions: Revisions) => JobBody,
  ): Promise<{ revisions: Revisions; answer: QueryAnswer }> {
    let revisions = first;
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const answer = await this.call(job(revisions));
      if (!('stale' in answer)) return { revisions, answer };
      revisions = await this.readyAll(layers);
    }
    throw new Error(`layers ${layers.join(', ')} changed under ${ATTEMPTS} questions in a row`);
  }

  private async readyAll(layers: readonly LayerId[]): Promise<Revisions> {
    const revisions = await Promise.all(layers.map((layer) => this.ready(layer)));
    return Object.fromEntries(layers.map((layer, index) => [layer, revisions[index]]));
  }

  /** Makes the worker hold the layer's current revision (sending it if needed); returns that revision. */
  private async ready(layer: LayerId): Promise<string> {
    const current = await this.store.layerRevision(layer);
    const held = this.layers.get(layer);
    if (held && held.revision === current) return held.ready;
    const next: Held = { revision: current, ready: this.load(layer) };
    this.layers.set(layer, next);
    next.ready.then(
      (loaded) => {
        next.revision = loaded;
      },
      () => {
        if (this.layers.get(layer) === next) this.layers.delete(layer);
      },
    );
    return next.ready;
  }

  private async load(layer: LayerId): Promise<string> {
    // Revision and text read together (the store's contract): the worker holds exactly that revision.
    const snapshot = await this.store.layerSnapshot(layer);
    const load = this.nextLoad++;
    const texts = snapshot.features;
    if (texts) {
      // The features' texts in parts, a turn of the event loop between two: no one long copy of a
      // 60 MB text blocks this thread (a part is parsed in the worker as it arrives).
      const sent: Promise<QueryAnswer>[] = [];
      for (let start = 0; start < texts.length; start += PART) {
        sent.push(this.call({ kind: 'part', load, texts: texts.slice(start, start + PART) }));
        await new Promise((resolve) => setImmediate(resolve));
      }
      await Promise.all(sent);
    }
    const json = texts ? null : snapshot.json;
    const answer = await this.call({ kind: 'load', load, layer, revision: snapshot.revision, json });
    if (!('loaded' in answer)) throw new Error(`query worker: ${layer} not loaded`);
    return snapshot.revision;
  }

  private call(body: JobBody): Promise<QueryAnswer> {
    return this.worker.call(body);
  }

  close(): Promise<void> {
    return this.worker.close();
  }
}
