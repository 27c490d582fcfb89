// A Tianditu key given in the address (?tk=, for trying one out) before the server's setting
// (TIANDITU_KEY, read after sign-in from /api/settings); the basemaps themselves are src/domain/basemaps.ts.

/** The Tianditu key from `?tk=`, else `fallback`; null when there is none. */
export function tiandituKeyFrom(search: string, fallback: string | undefined): string | null {
  const fromUrl = new URLSearchParams(search).get('tk')?.trim();
  if (fromUrl) return fromUrl;
  const given = fallback?.trim();
  return given ? given : null;
}
