// Attack: a large body whose validation takes seconds (a comb polygon of 40 000 vertices, every edge
// spanning the same x range) blocks the event loop: today /api/health and every other request wait
// for it. Large texts are validated on a worker thread, so the server keeps answering meanwhile.
import type { AddressInfo } from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import { validateText, validationsRunning } from '../../../src/server/validation-pool.ts';
import { collection, plotFeature } from '../helpers.ts';
import { BOWTIE, combPolygon, serverForTests } from './data-support.ts';

const s = serverForTests();
let base = '';

beforeAll(async () => {
  await s.app.server.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(s.app.server.server.address() as AddressInfo).port}`;
});

const combImport = () => JSON.stringify(collection([{ ...plotFeature(2), geometry: combPolygon(40_000) }]));
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('validation of large bodies runs off the request thread', () => {
  it('while a 40 000-vertex comb import is validated, /api/health answers 3 times before the import completes', async () => {
    let importDone = false;
    const imported = fetch(`${base}/api/import/plots?mode=merge`, {
      method: 'POST',
      headers: { cookie: s.admin.cookie, 'content-type': 'application/geo+json' },
      body: combImport(),
    }).then(async (response) => {
      importDone = true;
      return { status: response.status, body: await response.json() };
    });
    while (validationsRunning() === 0 && !importDone) await tick();
    expect(importDone).toBe(false);
    const answers: number[] = [];
    for (let i = 0; i < 3; i++) {
      const health = await fetch(`${base}/api/health`);
      answers.push(health.status);
      expect(importDone).toBe(false);
    }
    expect(answers).toEqual([200, 200, 200]);
    const result = await imported;
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ updated: 1, unchanged: 0, created: 0, deleted: 0 });
  }, 120_000);

  it('a worker finds the same problems as the inline validator', async () => {
    const small = JSON.stringify(collection([{ ...plotFeature(3), geometry: BOWTIE }]));
    // Padding in a property pushes the same file over the inline limit.
    const large = JSON.stringify(
      collection([{ ...plotFeature(3, { notes: 'x'.repeat(70 * 1024) }), geometry: BOWTIE }]),
    );
    const inline = await validateText(small, 'plots.geojson', 'plots');
    const onWorker = await validateText(large, 'plots.geojson', 'plots');
    const codes = (problems: { code: string; severity: string }[]) =>
      problems.map((problem) => `${problem.severity}:${problem.code}`);
    expect(codes(inline.problems)).toEqual(['error:self-intersection', 'warning:winding-order']);
    expect(codes(onWorker.problems)).toEqual(codes(inline.problems));
    expect(onWorker.ok).toBe(false);
    expect(onWorker.value).toBeNull();
  });
});
