// Benchmark of the progress report (进度通报, GET /api/report and /api/report.xlsx) at 100 000 plots
// unless --plots N, in a real server over HTTP, against the analysis (GET /api/analysis) on the same
// layers in the same run, and the pure function in this process against runAnalysis:
//   npx tsx bench/report.ts [--plots N] [--changes N]
// --changes plots (1000 by default) are made 已完成 through the store first, so the report reads that
// many status changes from the history. Prints times and the ratios report / analysis, then the data
// table's rows of the plots asked after the report (GET /api/table/plots: each plot's park, which the
// report has just computed on the same worker).
import { rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { todayInChina } from '../src/domain/dates.ts';
import { prepareAnalysis, runAnalysis } from '../src/geo/analysis.ts';
import { chinaDayStart, progressReport } from '../src/geo/progress-report.ts';
import { countyServer } from './support/county-server.ts';
import { argument, benchCookie, describe, ms } from './support/timing.ts';

const plotCount = argument('plots', 100_000);
const changeCount = argument('changes', 1000);
const today = todayInChina();

const { server, store, root, parsed } = await countyServer(plotCount);
try {
  const plots = parsed('plots').features;
  for (let n = 0; n < changeCount; n++) {
    const id = String(plots[(n * 97) % plots.length]?.properties?.id);
    await store.updateFeature(
      'plots',
      id,
      1,
      (current) => ({
        properties: { ...current.properties, status: 'completed' },
        geometry: current.geometry,
      }),
      'bench',
    );
  }
  await server.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  const cookie = await benchCookie(base);
  const timed = async (path: string) => {
    const started = performance.now();
    const response = await fetch(`${base}${path}`, { headers: { cookie } });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    const bytes = (await response.arrayBuffer()).byteLength;
    return { ms: performance.now() - started, bytes, body: response };
  };
  const withHealth = async <T>(work: () => Promise<T>) => {
    let done = false;
    const running = work().finally(() => {
      done = true;
    });
    const latencies: number[] = [];
    while (!done) {
      const started = performance.now();
      await fetch(`${base}/api/health`);
      latencies.push(performance.now() - started);
    }
    return { result: await running, latencies };
  };

  console.log(`\n-- over HTTP (${plotCount} plots, ${changeCount} completions in the history) --`);
  // The layers sent to the query worker first (as any earlier question does), so that both figures
  // below are the computations, not the loading.
  const load = await timed('/api/holdings');
  console.log(`layers loaded into the query worker (with GET /api/holdings): ${ms(load.ms)}`);
  const analysis = await withHealth(() => timed('/api/analysis'));
  console.log(
    `GET /api/analysis cold (reference): ${ms(analysis.result.ms)}; /api/health meanwhile ${describe(analysis.latencies)}`,
  );
  const report = await withHealth(() => timed(`/api/report?since=${today}`));
  console.log(
    `GET /api/report cold (each plot's park computed once): ${ms(report.result.ms)}, ${(report.result.bytes / 1024).toFixed(0)} KB; /api/health meanwhile ${describe(report.latencies)}`,
  );
  const again: number[] = [];
  for (let n = 0; n < 5; n++) again.push((await timed(`/api/report?since=${today}`)).ms);
  console.log(`GET /api/report again (parks kept per revision): ${describe(again)}`);
  const table = await withHealth(() => timed('/api/table/plots'));
  console.log(
    `GET /api/table/plots cold, after the report: ${ms(table.result.ms)}, ${(table.result.bytes / 1e6).toFixed(1)} MB; /api/health meanwhile ${describe(table.latencies)}`,
  );
  const workbook = await timed(`/api/report.xlsx?since=${today}`);
  console.log(`GET /api/report.xlsx: ${ms(workbook.ms)}, ${(workbook.bytes / 1024).toFixed(0)} KB`);
  console.log(`ratio report cold / analysis cold: ${(report.result.ms / analysis.result.ms).toFixed(2)}`);

  console.log('\n-- the pure functions in this process --');
  // The plots as they are now (with the completions), as the server read them.
  const current = (await store.listFeatures('plots')).map((feature) => ({
    type: 'Feature' as const,
    id: feature.id,
    properties: feature.properties,
    geometry: feature.geometry,
  }));
  const layers = {
    plots: current,
    parks: parsed('parks').features,
    newland: parsed('newland').features,
    projects: parsed('projects').features,
  };
  const changes = await store.statusChanges('plots', chinaDayStart(today));
  const reportStarted = performance.now();
  const result = progressReport({ ...layers, statusChanges: changes, since: today, today });
  const reportLocal = performance.now() - reportStarted;
  const analysisStarted = performance.now();
  runAnalysis(prepareAnalysis(layers));
  const analysisLocal = performance.now() - analysisStarted;
  console.log(
    `progressReport: ${ms(reportLocal)} (${result.completedIds.length} completed since ${today}); runAnalysis: ${ms(analysisLocal)}; ratio ${(reportLocal / analysisLocal).toFixed(2)}`,
  );
} finally {
  await server.close();
  rmSync(root, { recursive: true, force: true });
}
