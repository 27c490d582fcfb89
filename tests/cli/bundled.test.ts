// `npm run -s atlas` runs scripts/atlas.mjs: the command line bundled by esbuild on first use. The same
// commands must behave exactly as through tsx.
import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

function atlas(...args: string[]) {
  return spawnSync(process.execPath, ['scripts/atlas.mjs', ...args], {
    encoding: 'utf8',
    env: { ...process.env, LANG: 'C' },
  });
}

describe('the bundled command line', () => {
  it('checks, measures and reports usage errors as the sources do', { timeout: 60_000 }, () => {
    const check = atlas('check', 'geodata/parks.geojson', 'geodata/plots.geojson');
    expect(check.status).toBe(0);
    expect(check.stderr).toContain('2 files valid.');

    const area = atlas('area', 'geodata/parks.geojson', '--json');
    const viaTsx = execFileSync(
      process.execPath,
      ['--import', 'tsx', 'src/cli/atlas.ts', 'area', 'geodata/parks.geojson', '--json'],
      {
        encoding: 'utf8',
      },
    );
    expect(area.status).toBe(0);
    expect(area.stdout).toBe(viaTsx);

    const missing = atlas('check', 'no/such/file.geojson');
    expect(missing.status).toBe(1);
    expect(missing.stdout).toContain('no/such/file.geojson: no such file');
    expect(missing.stderr).not.toMatch(/\n\s+at /);

    expect(atlas('frobnicate').status).toBe(2);
  });
});
