// Registers the service worker that vite-plugin-pwa writes at build (sw.js, vite.config.ts): it precaches
// the app shell so that the app opens with no network after one online visit. Not in `npm run dev` (no
// sw.js there), nor where the browser has no service workers (an insecure origin: http:// on another
// host than localhost or 127.0.0.1).
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const url = new URL('sw.js', new URL(import.meta.env.BASE_URL, window.location.href));
  navigator.serviceWorker.register(url.href, { scope: import.meta.env.BASE_URL }).catch(() => {
    // Refused (storage off, a private window): the app works as before, online only.
  });
}
