// Today's date in the bureau's time zone (domain/dates.ts todayInChina), for what compares dates with
// today (deadline colours, overdue badges, idle years): read again each minute, so a page left open
// overnight moves to the new day.
import { useSyncExternalStore } from 'react';
import { todayInChina } from '../../domain/dates.ts';

let today = todayInChina();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | null = null;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  timer ??= setInterval(() => {
    const now = todayInChina();
    if (now === today) return;
    today = now;
    for (const each of listeners) each();
  }, 60_000);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = null;
    }
  };
}

/** Today, YYYY-MM-DD (China Standard Time). */
export function useToday(): string {
  return useSyncExternalStore(subscribe, () => today);
}
