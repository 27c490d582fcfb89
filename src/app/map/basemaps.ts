// The deployer's Tianditu key, read in the browser; the basemaps themselves are src/domain/basemaps.ts.

/** The Tianditu key from `?tk=` or the build's VITE_TIANDITU_KEY; null when there is none. */
export function tiandituKeyFrom(search: string, envKey: string | undefined): string | null {
  const fromUrl = new URLSearchParams(search).get('tk')?.trim();
  if (fromUrl) return fromUrl;
  const fromEnv = envKey?.trim();
  return fromEnv ? fromEnv : null;
}
