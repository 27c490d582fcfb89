import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildServer } from '../src/server/app.ts';
import { hashPassword } from '../src/server/auth/password.ts';
import { launchChromium } from '../tests/support/chromium.ts';
import { buildTestApp } from './support/build-app.ts';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? (args[i + 1] as string) : fallback;
};
const COUNT = Number(option('count', '200'));
const PHOTO_BYTES = Math.round(Number(option('photo-mb', '1')) * 1024 * 1024);
const PASSWORD = 'bench outbox 2026';

const temp = mkdtempSync(join(tmpdir(), 'atlas-bench-outbox-'));
try {
  let distDir = option('dist', '');
  if (!distDir) {
    distDir = join(temp, 'dist');
    buildTestApp(distDir);
  }
  const server = await buildServer({ dataDir: join(temp, 'data'), distDir: resolve(distDir) });
  await server.atlas.store.createUser('bench', 'inspector', await hashPassword(PASSWORD), 'bench');
  await server.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}/`;
  const plots = (await server.atlas.store.listFeatures('plots')).map((plot) => plot.id);
  if (plots.length < COUNT) throw new Error(`${COUNT} inspections need ${COUNT} plots (${plots.length})`);
  const targets = plots.slice(0, COUNT);

  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 1024, height: 768 }, hasTouch: true });
    const page = await context.newPage();
    await page.goto(url);
    await page.getByLabel('用户名', { exact: true }).fill('bench');
    await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.waitForFunction(
      () => {
        const hook = window.__landAtlas;
        return Boolean(hook?.map && window.__landAtlasOutbox && !hook.store.getState().loading);
      },
      null,
      { timeout: 120_000 },
    );

    // 1. The outbox: queued with no network, then synced when it comes back.
    await context.setOffline(true);
    const queued = await page.evaluate(
      async ({ targets, bytes }) => {
        const outbox = window.__landAtlasOutbox;
        const state = window.__landAtlas?.store.getState();
        if (!outbox || !state) throw new Error('no test hook');
        const started = performance.now();
        for (const [index, plotId] of targets.entries()) {
          const photo = new Uint8Array(bytes);
          crypto.getRandomValues(photo.subarray(0, Math.min(bytes, 65536)));
          photo.set([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]);
          photo[bytes - 2] = 0xff;
          photo[bytes - 1] = 0xd9;
          const version = Number(state.layers.plots?.byId.get(plotId)?.properties?.version ?? 1);
          const clientId = crypto.randomUUID();
          const photoId = crypto.randomUUID();
          const result = await outbox.submit(
            {
              kind: 'record-inspection',
              id: clientId,
              base: { ...(state.layers.plots?.byId.get(plotId)?.properties ?? {}) },
              input: {
                plotId,
                date: '2026-12-01',
                findings: `bench-outbox ${index}`,
                status: 'inspected',
                clientId,
                plotVersion: version,
              },
            },
            { zh: `巡查 ${plotId}`, en: `Inspection of ${plotId}` },
            undefined,
            [
              {
                intent: {
                  kind: 'add-photo',
                  id: photoId,
                  inspectionId: clientId,
                  file: new Blob([photo], { type: 'image/jpeg' }),
                  name: `bench-${index}.jpg`,
                },
                what: { zh: `照片 ${index}`, en: `Photo ${index}` },
              },
            ],
          );
          if (result.status !== 'queued') throw new Error(`item ${index} was ${result.status} offline`);
        }
        return { ms: performance.now() - started, pending: outbox.view().items.length };
      },
      { targets, bytes: PHOTO_BYTES },
    );
    const reconnected = performance.now();
    await context.setOffline(false);
    await page.waitForFunction(
      () => (window.__landAtlasOutbox?.view().items ?? []).every((item) => item.state === 'sent'),
      null,
      { timeout: 1_800_000, polling: 200 },
    );
    const syncMs = performance.now() - reconnected;

    // The server's counts: each inspection and photo of this run exactly once.
    let inspections = 0;
    let photos = 0;
    let photoBytes = 0;
    const clientIds = new Set<string>();
    for (const plotId of targets) {
      for (const inspection of await server.atlas.store.listInspections(plotId)) {
        if (!inspection.findings.startsWith('bench-outbox ')) continue;
        inspections += 1;
        if (inspection.clientId) clientIds.add(inspection.clientId);
        photos += inspection.photos.length;
        photoBytes += inspection.photos.reduce((sum, photo) => sum + photo.sizeBytes, 0);
      }
    }

    // 2. The reference: the same writes sent directly, online, one after another, without the outbox.
    const direct = await page.evaluate(
      async ({ targets, bytes }) => {
        const started = performance.now();
        for (const [index, plotId] of targets.entries()) {
          const photo = new Uint8Array(bytes);
          crypto.getRandomValues(photo.subarray(0, Math.min(bytes, 65536)));
          photo.set([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]);
          const recorded = await fetch('/api/inspections', {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
            body: JSON.stringify({
              plotId,
              date: '2026-12-01',
              findings: `bench-direct ${index}`,
              status: 'inspected',
              clientId: crypto.randomUUID(),
            }),
          });
          if (!recorded.ok) throw new Error(`inspection ${index}: ${recorded.status}`);
          const { id } = (await recorded.json()) as { id: string };
          const form = new FormData();
          form.append('photo', new Blob([photo], { type: 'image/jpeg' }), `direct-${index}.jpg`);
          const sent = await fetch(`/api/inspections/${id}/photos`, { method: 'POST', body: form });
          if (!sent.ok) throw new Error(`photo ${index}: ${sent.status}`);
        }
        return performance.now() - started;
      },
      { targets, bytes: PHOTO_BYTES },
    );

    const mb = (PHOTO_BYTES * COUNT) / 1024 / 1024;
    console.log(
      `${COUNT} inspections, each with a ${(PHOTO_BYTES / 1024 / 1024).toFixed(1)} MB photo (${mb.toFixed(0)} MB):`,
    );
    console.log(
      `  queued offline (IndexedDB): ${(queued.ms / 1000).toFixed(1)} s (${(queued.ms / COUNT).toFixed(1)} ms each), ${queued.pending} items`,
    );
    console.log(
      `  outbox, reconnect → all acknowledged: ${(syncMs / 1000).toFixed(1)} s (${(syncMs / COUNT).toFixed(1)} ms each)`,
    );
    console.log(
      `  reference, sent directly online: ${(direct / 1000).toFixed(1)} s; ratio ${(syncMs / direct).toFixed(2)}×`,
    );
    console.log(
      `  server: ${inspections} inspections (${clientIds.size} distinct), ${photos} photos, ${(photoBytes / 1024 / 1024).toFixed(1)} MB — ` +
        `duplicates ${inspections - clientIds.size + Math.max(0, photos - COUNT)}, lost ${COUNT - Math.min(COUNT, clientIds.size) + Math.max(0, COUNT - photos)}`,
    );
    if (inspections !== COUNT || clientIds.size !== COUNT || photos !== COUNT) process.exitCode = 1;
  } finally {
    await browser.close();
    await server.close();
  }
} finally {
  rmSync(temp, { recursive: true, force: true });
}
