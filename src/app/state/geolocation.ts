// The device's position, watched while someone needs it (the locate control when on; an open inspection
// form) and written into the field slice; the watch stops when the last one lets go.
import type { LocateError } from './field-slice.ts';
import { useAtlas } from './store.ts';

let watchId: number | null = null;
let holders = 0;

function errorOf(code: number): LocateError {
  if (code === 1) return 'denied';
  if (code === 3) return 'timeout';
  return 'unavailable';
}

function start(): void {
  if (watchId !== null) return;
  const { setDevicePosition, setLocateError } = useAtlas.getState();
  if (typeof navigator === 'undefined' || !('geolocation' in navigator)) {
    setLocateError('unsupported');
    return;
  }
  watchId = navigator.geolocation.watchPosition(
    (found) =>
      setDevicePosition({
        lon: found.coords.longitude,
        lat: found.coords.latitude,
        accuracy: found.coords.accuracy,
        time: new Date(found.timestamp).toISOString(),
      }),
    (error) => setLocateError(errorOf(error.code)),
    // A fresh fix (a minute-old one is another place on foot), from GPS rather than the network.
    { enableHighAccuracy: true, maximumAge: 5_000, timeout: 30_000 },
  );
}

function stop(): void {
  if (watchId !== null) navigator.geolocation.clearWatch(watchId);
  watchId = null;
  // An old position would pass for a new one the next time: forget it.
  useAtlas.setState(({ locate }) => ({ locate: { ...locate, position: null, error: null } }));
}

/** Watches the position until the returned function is called (several may hold it at once). */
export function holdPosition(): () => void {
  holders++;
  start();
  let released = false;
  return () => {
    if (released) return;
    released = true;
    holders--;
    if (holders === 0) stop();
  };
}
