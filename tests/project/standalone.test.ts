// The project stands alone: a clone of this repository, with nothing beside it, runs its tests, benchmark
// and scripts. Nothing under src/, tests/, bench/, scripts/ or .ci/ may read the old fixtures folder that
// sat beside the repository (the peer fixtures are now in tests/fixtures/peer).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const DIRS = ['src', 'tests', 'bench', 'scripts', '.ci'];
const OUTSIDE = /\.\.[/\\]shared\b|\bshared[/\\]fixtures\b/;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

describe('the project stands alone', () => {
  it('recognises the old references', () => {
    for (const line of [
      "new URL('../../../shared/fixtures/peer', import.meta.url)",
      'the peer fixtures in ../shared/fixtures/peer/README.md',
      "join(ROOT, '..', 'shared/fixtures/peer')",
      'C:\\work\\shared\\fixtures\\peer',
    ])
      expect(OUTSIDE.test(line), line).toBe(true);
    expect(OUTSIDE.test('const shared = intersect(featureCollection([a, b]));')).toBe(false);
    expect(OUTSIDE.test('tests/fixtures/peer/README.md')).toBe(false);
  });

  it('no file under src/, tests/, bench/, scripts/ or .ci/ refers to the folder beside the repository', () => {
    // This file names the old paths on purpose (the examples above).
    const files = DIRS.flatMap((dir) => filesUnder(join(ROOT, dir))).filter(
      (file) => file !== import.meta.filename,
    );
    expect(files.length).toBeGreaterThan(100);
    const offenders = files
      .filter((file) => OUTSIDE.test(readFileSync(file, 'utf8')))
      .map((file) => relative(ROOT, file));
    expect(offenders).toEqual([]);
  });
});
