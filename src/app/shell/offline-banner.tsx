// The offline banner: shown while the browser has no network, or while the layers shown came from this
// device because the server could not be reached; it says so and what works offline.
import { t } from '../i18n/i18n.ts';
import { useAtlas } from '../state/store.ts';

export function OfflineBanner() {
  const lang = useAtlas((state) => state.lang);
  const online = useAtlas((state) => state.network.online);
  const fromDevice = useAtlas((state) => state.network.fromDevice);
  if (online && !fromDevice) return null;
  return (
    <p className="offline-banner" role="status">
      <strong>{t(lang, 'offlineTitle')}</strong>
      <span>{t(lang, 'offlineNoServer')}</span>
      <span>{t(lang, 'offlineWorks')}</span>
    </p>
  );
}
