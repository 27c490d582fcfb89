// GDAL's ogrinfo on bytes our writers made (a .zip is read through /vsizip/): its full listing, or null
// — said once on the console — when gdal-bin is not installed, so the read-back is skipped, not failed.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function ogrinfo(bytes: Uint8Array, name: string): string | null {
  try {
    execFileSync('ogrinfo', ['--version'], { stdio: 'ignore' });
  } catch {
    console.warn('ogrinfo not installed (apt-get install gdal-bin): the GDAL read-back is skipped');
    return null;
  }
  const path = join(mkdtempSync(join(tmpdir(), 'atlas-ogrinfo-')), name);
  writeFileSync(path, bytes);
  return execFileSync('ogrinfo', ['-ro', '-al', name.endsWith('.zip') ? `/vsizip/${path}` : path], {
    encoding: 'utf8',
  });
}
