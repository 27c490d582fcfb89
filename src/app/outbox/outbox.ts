// The outbox: every write a person makes (an inspection and its photos, plot attributes, a zone drawn,
// changed or deleted) is put in IndexedDB (db.ts) BEFORE it is sent, then sent in the order it was made
// through the one write path (api/transact.ts, which merges a 409 three ways), each request with the
// intent's id as its Idempotency-Key, so a retry whose first answer was lost writes nothing twice.
//
// An item leaves the outbox only when the server acknowledges it, or when the person discards it
// (the list's 放弃, confirmed; or cancelling the form that still holds it after a refusal or
// conflict). A failure with no answer, a 5xx, 408, 429 or 401 leaves it waiting, and the outbox tries
// again: at once when the browser says it is online, when the app starts, when the person asks
// (立即同步), and on a timer that backs off (src/domain/outbox.ts) — never while the browser says it is
// offline (navigator.onLine false): then each of those only reads what waits. Any other 4xx is a refusal: the
// item stays, marked with the server's reason. A conflict the merge could not settle stays, with the
// fields both sides changed, for the person to answer (the conflict dialog).
//
// A form waits for its own item's first try: saved (or a conflict, or a refusal) as before when the
// server answers, "已保存，待同步" when it cannot be reached.
//
// A photo is queued with its inspection and sent after it (`dependsOn`), naming the inspection by the
// client id the tablet gave it: the server accepts that id for photos, so a queued photo never needs
// the server's id of an inspection that was itself only queued — nothing has to be rewritten between
// two items, and no crash between an acknowledgement and such a rewrite can strand a photo.
import type { Feature } from 'geojson';
import { useSyncExternalStore } from 'react';
import type { Bilingual } from '../../domain/i18n.ts';
import { backoffDelay, failureKind, inOrder, nextToSend } from '../../domain/outbox.ts';
import { ApiError } from '../api/client.ts';
import { type Conflict, type Intent, type Outcome, resolvedIntent, transact } from '../api/transact.ts';
import { refreshSettings, settingSaved } from '../state/settings.ts';
import { useAtlas } from '../state/store.ts';
import { deleteItem, type OutboxItem, putItem, readItems } from './db.ts';

/** What a form gets for its write: the server's outcome, or queued (no answer: it waits here). */
export type Submitted = Outcome | { status: 'queued' };

export interface OutboxView {
  /** Items in the outbox, in order, with what this page has seen acknowledged (state `sent`). */
  items: OutboxItem[];
  /** A pass is sending. */
  syncing: boolean;
}

let items = new Map<string, OutboxItem>();
/** Acknowledged in this page: shown as 已同步 in the list until the page closes. */
const sent: OutboxItem[] = [];
/** The outcome and error of each item's last try, for the form waiting for it. */
const outcomes = new Map<string, Outcome>();
const errors = new Map<string, unknown>();
let user: string | null = null;
let running: Promise<void> | null = null;
let again = false;
let failures = 0;
let timer: ReturnType<typeof setTimeout> | null = null;
let view: OutboxView = { items: [], syncing: false };
const listeners = new Set<() => void>();

function publish(): void {
  // Only the signed-in person's items: on a shared tablet, another's wait (unseen) for their sign-in.
  const mine = [...items.values()].filter((item) => item.user === user);
  view = {
    items: [...inOrder(mine), ...sent.filter((item) => item.user === user)],
    syncing: running !== null,
  };
  for (const listener of listeners) listener();
}

/** The outbox as it is now, outside React. */
export function outboxView(): OutboxView {
  return view;
}

/** The outbox as the badge and list show it. */
export function useOutbox(): OutboxView {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => view,
  );
}

async function save(item: OutboxItem): Promise<void> {
  await putItem(item);
  items.set(item.id, item);
  publish();
}

async function remove(id: string): Promise<void> {
  await deleteItem(id);
  items.delete(id);
  publish();
}

function currentUser(): string | null {
  return useAtlas.getState().session.me?.user.username ?? null;
}

/** Acknowledged writes whose features are not yet on the map: put there in batches (a sync of
 *  hundreds would otherwise redraw the map for each), and at the end of every pass. */
const toApply: [Intent, Outcome][] = [];
const APPLY_BATCH = 25;
/** Something was sent in this run: the settings are read again at its end. */
let delivered = false;

/** What the acknowledged writes change on the map. */
function applyAll(): void {
  const batch = toApply.splice(0);
  if (batch.length === 0) return;
  const state = useAtlas.getState();
  let records = false;
  for (const [intent, outcome] of batch) {
    if (outcome.status !== 'saved') continue;
    if (intent.kind === 'delete-feature') state.removeFeature('zones', intent.featureId);
    else if (outcome.feature) {
      const layer =
        intent.kind === 'edit-feature' || intent.kind === 'create-feature' ? intent.layer : 'plots';
      if (layer === 'plots' || layer === 'zones' || layer === 'projects')
        state.putFeature(layer, outcome.feature as unknown as Feature);
    }
    if (outcome.setting) settingSaved(outcome.setting);
    if (intent.kind === 'record-inspection' || intent.kind === 'add-photo') records = true;
  }
  if (records) state.bumpRecords();
}

/** Why an item waits after a try with no answer (the client's own message asks the person to retry). */
const NO_ANSWER: Bilingual = {
  zh: '暂时无法连接服务器，网络恢复后自动发送。',
  en: 'The server cannot be reached now; it is sent by itself when the network is back.',
};

/** Sends one item; false when the server could not be reached (the pass stops and backs off). */
async function sendItem(item: OutboxItem): Promise<boolean> {
  // Sending is shown, not stored: an item a killed page was sending is waiting, and sent again.
  items.set(item.id, { ...item, state: 'sending' });
  publish();
  try {
    const outcome = await transact(item.intent);
    outcomes.set(item.id, outcome);
    errors.delete(item.id);
    if (outcome.status === 'conflict') {
      await save({ ...item, state: 'conflict', conflict: outcome.conflict, reason: null });
      return true;
    }
    await remove(item.id);
    sent.push({ ...item, state: 'sent', reason: null, conflict: null });
    publish();
    toApply.push([item.intent, outcome]);
    if (toApply.length >= APPLY_BATCH) applyAll();
    delivered = true;
    return true;
  } catch (error) {
    // An ApiError with a 2xx/3xx status is an answer not understood: the write may have happened,
    // and its key makes another try safe.
    const status = error instanceof ApiError ? (error.status < 400 ? 0 : error.status) : 0;
    const reason: Bilingual | null =
      status === 0 ? NO_ANSWER : error instanceof ApiError ? error.bilingual : null;
    errors.set(item.id, error);
    outcomes.delete(item.id);
    if (failureKind(status) === 'retry') {
      await save({ ...item, state: 'waiting', attempts: item.attempts + 1, reason });
      return false;
    }
    await save({ ...item, state: 'refused', reason });
    return true;
  }
}

/**
 * The browser says it has no network (navigator.onLine false; its `online` event starts the next pass).
 * Nothing is sent then: a write must not leave while the app shows the person it is offline.
 */
function browserOffline(): boolean {
  return typeof navigator !== 'undefined' && navigator.onLine === false;
}

async function pass(): Promise<void> {
  const me = user;
  if (!me) return;
  // Items another tab of this browser queued meanwhile are read too.
  const stored = await readItems();
  items = new Map(stored.map((item) => [item.id, item]));
  publish();
  if (browserOffline()) return;
  for (;;) {
    const next = nextToSend([...items.values()], me);
    if (!next) {
      failures = 0;
      return;
    }
    if (!(await sendItem(next))) {
      failures += 1;
      schedule(backoffDelay(failures, Math.random()));
      return;
    }
  }
}

function schedule(delay: number): void {
  if (timer) clearTimeout(timer);
  timer = setTimeout(() => {
    timer = null;
    void syncNow();
  }, delay);
}

/** Sends what waits, now (立即同步, back online, the app's start, the timer); one pass at a time. */
export function syncNow(): Promise<void> {
  if (running) {
    again = true;
    return running;
  }
  running = (async () => {
    try {
      do {
        again = false;
        await pass();
      } while (again);
    } finally {
      applyAll();
      running = null;
      publish();
      // The server took what waited (after an absence, often): what an admin changed meanwhile too.
      if (delivered) {
        delivered = false;
        void refreshSettings();
      }
    }
  })();
  publish();
  return running;
}

const onOnline = () => void syncNow();

/** Starts the outbox for the signed-in person: reads what waits and sends it. */
export function startOutbox(): () => void {
  user = currentUser();
  publish();
  window.addEventListener('online', onOnline);
  void syncNow();
  return () => {
    window.removeEventListener('online', onOnline);
    if (timer) clearTimeout(timer);
    timer = null;
    user = null;
    publish();
  };
}

/**
 * Queues a write and waits for its first try. Saved or a conflict: the outcome, as the write path
 * gives it. Refused: throws the server's error (the form shows it; the item stays until the form is
 * sent again or closed). No answer: `queued`. An intent with the id of an item still here (the same
 * form saving again, or the answer to its conflict) takes that item's place.
 */
export async function submit(
  intent: Intent,
  what: Bilingual,
  dependsOn?: string,
  /** Writes that go after this one and depend on it (an inspection's photos), queued with it. */
  dependents: readonly { intent: Intent; what: Bilingual }[] = [],
): Promise<Submitted> {
  const me = user ?? currentUser();
  if (!me) throw new Error('no one is signed in');
  // All of them are on disk before anything is sent: a browser killed now loses none.
  await enqueue(me, intent, what, dependsOn);
  for (const dependent of dependents) await enqueue(me, dependent.intent, dependent.what, intent.id);
  user = me;
  await syncNow();
  const now = items.get(intent.id);
  const outcome = outcomes.get(intent.id);
  if (outcome && (!now || now.state === 'conflict')) return outcome;
  if (now?.state === 'refused') throw errors.get(intent.id);
  return { status: 'queued' };
}

/** The last order number given: ms since the epoch × 1000, and never less than the one before. */
let lastSeq = 0;

async function enqueue(me: string, intent: Intent, what: Bilingual, dependsOn?: string): Promise<void> {
  const earlier = items.get(intent.id);
  if (!earlier) lastSeq = Math.max(lastSeq + 1, Date.now() * 1000);
  await save({
    id: intent.id,
    seq: earlier?.seq ?? lastSeq,
    state: 'waiting',
    user: me,
    ...(dependsOn ? { dependsOn } : {}),
    intent,
    what,
    attempts: 0,
    reason: null,
    conflict: null,
    createdAt: earlier?.createdAt ?? Date.now(),
  });
  outcomes.delete(intent.id);
  errors.delete(intent.id);
}

/** Where an item submitted from a form stands now: sent, still queued, or refused with the error. */
export function resultOf(id: string): { status: 'saved' | 'queued' } | { status: 'refused'; error: unknown } {
  const item = items.get(id);
  if (!item) return { status: outcomes.has(id) ? 'saved' : 'queued' };
  if (item.state === 'refused') return { status: 'refused', error: errors.get(id) };
  return { status: 'queued' };
}

/**
 * The person's answer to a conflict (the dialog's choice per field) goes through the outbox in place
 * of the item that met it; nothing left to send (theirs for every field) acknowledges it.
 */
export async function resolveConflict(conflict: Conflict, keepMine: readonly string[]): Promise<Submitted> {
  const id = conflict.intent.id;
  const next = resolvedIntent(conflict, keepMine);
  if (!next) {
    if (items.has(id)) await remove(id);
    const feature = conflict.current;
    const layer = conflict.intent.kind === 'edit-feature' ? conflict.intent.layer : 'plots';
    if (layer === 'plots' || layer === 'zones')
      useAtlas.getState().putFeature(layer, feature as unknown as Feature);
    return { status: 'saved', feature, mergedTheirs: [], inspection: null, photo: null };
  }
  const item = items.get(id);
  return submit(next, item?.what ?? describe(next), item?.dependsOn);
}

/**
 * A form closing with its item still here after a refusal or a conflict: closing it is the person
 * giving that write up. An item waiting for the network stays (it is queued, the form said so).
 */
export async function releaseFromForm(id: string): Promise<void> {
  const item = items.get(id);
  if (item && (item.state === 'refused' || item.state === 'conflict')) await discard(id);
}

/** The person discards an item (confirmed in the list), with the photos that depend on it. */
export async function discard(id: string): Promise<void> {
  const dependents = [...items.values()].filter((item) => item.dependsOn === id);
  for (const item of dependents) await remove(item.id);
  await remove(id);
}

/** The list's words for an intent made elsewhere than a form. */
function describe(intent: Intent): Bilingual {
  switch (intent.kind) {
    case 'record-inspection':
      return { zh: `巡查 ${intent.input.plotId}`, en: `Inspection of ${intent.input.plotId}` };
    case 'add-photo':
      return { zh: `巡查照片 ${intent.name}`, en: `Inspection photo ${intent.name}` };
    case 'edit-feature':
      return intent.layer === 'zones'
        ? { zh: `修改片区 ${intent.featureId}`, en: `Zone ${intent.featureId} changed` }
        : { zh: `编辑属性 ${intent.featureId}`, en: `Attributes of ${intent.featureId}` };
    case 'create-feature':
      return {
        zh: `新建片区 ${String(intent.properties.name ?? '')}`,
        en: `New zone ${String(intent.properties.name ?? '')}`,
      };
    case 'delete-feature':
      return { zh: `删除片区 ${intent.featureId}`, en: `Zone ${intent.featureId} deleted` };
    case 'put-setting':
      return { zh: `修改设置 ${intent.key}`, en: `Setting ${intent.key} changed` };
  }
}
