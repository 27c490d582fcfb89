// Issue 9, item 5: `npm run check` fails on an import that breaks the rules of .dependency-cruiser.cjs
// and on any cycle between the folders of src/app (scripts/app-folder-cycles.mjs). Each test builds a
// small project in a temporary folder (the real config and tsconfig, the real node_modules) and runs the
// same commands as the check, so what passes here is what the check sees.
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const DEPCRUISE = join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
const FOLDER_CYCLES = join(ROOT, 'scripts/app-folder-cycles.mjs');

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A temporary project with the given files (path → source) under the real config. */
function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-import-rules-'));
  made.push(dir);
  copyFileSync(join(ROOT, '.dependency-cruiser.cjs'), join(dir, '.dependency-cruiser.cjs'));
  copyFileSync(join(ROOT, 'tsconfig.json'), join(dir, 'tsconfig.json'));
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  for (const [path, source] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), source);
  }
  return dir;
}

interface Run {
  code: number;
  output: string;
}

function run(cwd: string, args: string[]): Promise<Run> {
  return new Promise((done) => {
    // Plain text whatever the environment: with CI=true (as in CI) the reporters colour their output.
    const env = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' };
    execFile(process.execPath, args, { cwd, env }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      done({ code, output: `${stdout}${stderr}` });
    });
  });
}

const depcruise = (cwd: string) => run(cwd, [DEPCRUISE, 'src', '--config', '.dependency-cruiser.cjs']);

describe('import rules (dependency-cruiser)', () => {
  it('passes a project that keeps them: geo imports domain, app and server import the core', async () => {
    const dir = project({
      'src/domain/zone.ts': 'export const KIND = 1;\n',
      'src/geo/area.ts': "import { KIND } from '../domain/zone.ts';\nexport const area = KIND;\n",
      'src/app/panel.ts': "import { area } from '../geo/area.ts';\nexport const shown = area;\n",
      'src/server/route.ts': "import { KIND } from '../domain/zone.ts';\nexport const served = KIND;\n",
    });
    const result = await depcruise(dir);
    expect(result.output).toContain('no dependency violations found');
    expect(result.code).toBe(0);
  }, 30_000);

  it('fails on each forbidden import, naming the rule, the importer and the imported', async () => {
    const dir = project({
      'src/app/store.ts': 'export const store = 1;\n',
      'src/server/db.ts': 'export const db = 1;\n',
      'src/cli/main.ts': "import { store } from '../app/store.ts';\nexport const cli = store;\n",
      'src/app/api.ts': "import { db } from '../server/db.ts';\nexport const api = db;\n",
      'src/geo/bad.ts': "import { store } from '../app/store.ts';\nexport const bad = store;\n",
      'src/geo/fs.ts': "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n",
      'src/geo/ui.ts': "import { useState } from 'react';\nexport const hook = useState;\n",
      'src/domain/geometry.ts': "import { bad } from '../geo/bad.ts';\nexport const g = bad;\n",
      'src/domain/a.ts': "import { b } from './b.ts';\nexport const a = () => b;\n",
      'src/domain/b.ts': "import { a } from './a.ts';\nexport const b = () => a;\n",
      'src/app/x.ts': "import { y } from './y.ts';\nexport const x = () => y;\n",
      'src/app/y.ts': "import { x } from './x.ts';\nexport const y = () => x;\n",
    });
    const result = await depcruise(dir);
    const expected = [
      'error core-imports-outer: src/geo/bad.ts → src/app/store.ts',
      'error core-imports-node: src/geo/fs.ts → fs',
      'error core-imports-ui: src/geo/ui.ts → ',
      'error domain-imports-geo: src/domain/geometry.ts → src/geo/bad.ts',
      'error server-or-cli-imports-app: src/cli/main.ts → src/app/store.ts',
      'error app-imports-server-or-cli: src/app/api.ts → src/server/db.ts',
      'error core-circular: src/domain/a.ts → ',
      'error app-circular: src/app/x.ts → ',
    ];
    for (const line of expected) expect(result.output).toContain(line);
    expect(result.output).toMatch(/core-imports-ui: src\/geo\/ui\.ts → \S*node_modules\/react\/index\.js/);
    expect(result.output).toContain('8 dependency violations (8 errors, 0 warnings)');
    // depcruise exits with the number of errors, so the check stops.
    expect(result.code).toBe(8);
  }, 30_000);

  it('keeps the feature folders of src/app apart: the shell composes them, a feature imports shared folders only', async () => {
    const dir = project({
      'src/app/state/store.ts': 'export const store = 1;\n',
      'src/app/ui/sheet.ts': "import { store } from '../state/store.ts';\nexport const sheet = store;\n",
      'src/app/inspections/records.ts':
        "import { sheet } from '../ui/sheet.ts';\nexport const records = sheet;\n",
      'src/app/zones/panel/store.ts': 'export const zones = 1;\n',
      // Inside one feature its sub-folders may import each other.
      'src/app/zones/draw/control.ts':
        "import { zones } from '../panel/store.ts';\nexport const control = zones;\n",
      // The shell (composition root) may import every feature.
      'src/app/shell/app.ts':
        "import { records } from '../inspections/records.ts';\nimport { control } from '../zones/draw/control.ts';\nexport const app = [records, control];\n",
      'src/app/inspector/inspector.ts':
        "import { records } from '../inspections/records.ts';\nexport const inspector = records;\n",
      'src/app/map/view.ts':
        "import { control } from '../zones/draw/control.ts';\nexport const view = control;\n",
      'src/app/search/panel.ts': "import { app } from '../shell/app.ts';\nexport const panel = app;\n",
    });
    const result = await depcruise(dir);
    const expected = [
      'error app-feature-imports-feature: src/app/inspector/inspector.ts → src/app/inspections/records.ts',
      'error app-shared-imports-feature: src/app/map/view.ts → src/app/zones/draw/control.ts',
      'error app-imports-shell: src/app/search/panel.ts → src/app/shell/app.ts',
    ];
    for (const line of expected) expect(result.output).toContain(line);
    expect(result.output).toContain('3 dependency violations (3 errors, 0 warnings)');
    expect(result.code).toBe(3);
  }, 30_000);
});

describe('folder cycles of src/app (scripts/app-folder-cycles.mjs)', () => {
  it('passes folders that import one way, and sub-folders of one feature that import each other', async () => {
    const dir = project({
      'src/app/zones/draw/control.ts':
        "import { zones } from '../panel/store.ts';\nexport const control = zones;\n",
      'src/app/zones/panel/store.ts':
        "import { store } from '../../state/store.ts';\nexport const zones = store;\nexport const draw = async () => import('../draw/control.ts');\n",
      'src/app/state/store.ts': 'export const store = 1;\n',
    });
    const result = await run(dir, [FOLDER_CYCLES]);
    expect(result.output).toContain('no folder cycles in src/app');
    expect(result.code).toBe(0);
  }, 30_000);

  it('fails on the cycles once allowed (draw ↔ zones), now that none is', async () => {
    const dir = project({
      'src/app/draw/control.ts':
        "import { zones } from '../zones/store.ts';\nexport const control = zones;\n",
      'src/app/zones/store.ts':
        "export const zones = 1;\nexport const draw = async () => import('../draw/control.ts');\n",
    });
    const result = await run(dir, [FOLDER_CYCLES]);
    expect(result.output).toContain('app-folder-cycle: draw ↔ zones');
    expect(result.output).toContain('src/app/zones/store.ts → src/app/draw/control.ts');
    expect(result.code).toBe(1);
  }, 30_000);

  it('fails on any, naming the folders and the imports that close it', async () => {
    const dir = project({
      'src/app/map/view.ts': "import { store } from '../state/store.ts';\nexport const view = store;\n",
      'src/app/state/store.ts':
        "export const store = 1;\nexport const map = async () => import('../map/view.ts');\n",
    });
    const result = await run(dir, [FOLDER_CYCLES]);
    expect(result.output).toContain('app-folder-cycle: map ↔ state');
    expect(result.output).toContain('src/app/state/store.ts → src/app/map/view.ts');
    expect(result.code).toBe(1);
  }, 30_000);
});
