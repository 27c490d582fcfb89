// The server the county-scale benchmarks ask (bench/server-queries.ts, bench/report.ts): N generated
// plots and the sample's parks, projects and new land imported, every layer served as tiles, and the
// bench admin (benchCookie). The layers are kept as text: parsed here they would make this process's
// heap, and so its collector's pauses on the request thread, several times larger.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FeatureCollection } from 'geojson';
import { generate } from '../../geodata/generate.ts';
import { buildServer } from '../../src/server/app.ts';
import { hashPassword } from '../../src/server/auth/password.ts';
import { featureContents } from '../../src/server/seed.ts';
import { tempRoot } from '../../tests/server/helpers.ts';

export async function countyServer(plotCount: number) {
  console.log(`generating ${plotCount} plots…`);
  const texts: Record<string, string> = {
    plots: generate({ plots: plotCount, zones: 0, seed: '1' }).plotsText,
  };
  for (const layer of ['parks', 'projects', 'newland'])
    texts[layer] = readFileSync(`geodata/${layer}.geojson`, 'utf8');
  const parsed = (layer: string) => JSON.parse(texts[layer] as string) as FeatureCollection;
  const root = tempRoot();
  const server = await buildServer({
    distDir: null,
    dataDir: join(root, 'data'),
    geodataDir: null,
    tileThreshold: 0,
  });
  const { store } = server.atlas;
  for (const layer of Object.keys(texts))
    await store.importLayer(layer as 'plots', featureContents(parsed(layer).features), 'seed', 'bench');
  await store.createUser('bench', 'admin', await hashPassword('bench password 1'), 'bench');
  return { server, store, root, parsed };
}
