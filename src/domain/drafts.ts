// Drafts of the record forms (an inspection, a plot's attributes): which draft belongs to which form, and
// what of a half-filled form is worth keeping. The app keeps them in IndexedDB as they are typed
// (src/app/state/drafts-db.ts) so that a reload or a crash loses nothing; this is the pure part.

/** The forms that keep drafts. */
export type DraftForm = 'inspection' | 'edit-plot';

export interface DraftAddress {
  /** The signed-in user's name: a draft is only ever shown to the person who typed it. */
  user: string;
  layer: string;
  featureId: string;
  form: DraftForm;
}

/**
 * The one key of a draft: user, layer, feature and form, as a JSON array, so that no id (with a slash, a
 * space, Chinese) can make two addresses meet.
 */
export function draftKey(address: DraftAddress): string {
  return JSON.stringify([address.user, address.layer, address.featureId, address.form]);
}

/** The address back from a key; null for anything that is not one. */
export function draftAddress(key: string): DraftAddress | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(key);
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length !== 4 || !parsed.every((part) => typeof part === 'string')) {
    return null;
  }
  const [user, layer, featureId, form] = parsed as string[];
  if (form !== 'inspection' && form !== 'edit-plot') return null;
  return { user: user ?? '', layer: layer ?? '', featureId: featureId ?? '', form };
}

/** The fields of a form as typed: text, dates and choices, all as strings. */
export type DraftFields = Record<string, string>;

/** The fields the person changed from what the form opened with (nothing else is worth keeping). */
export function changedFields(initial: DraftFields, current: DraftFields): DraftFields {
  const changed: DraftFields = {};
  for (const [name, value] of Object.entries(current)) {
    if (value !== (initial[name] ?? '')) changed[name] = value;
  }
  return changed;
}

/**
 * What a draft stores: the changed fields, plus those always kept once there is a draft at all (an
 * inspection's date: a draft begun yesterday reopens with yesterday's date, the day of the visit).
 */
export function fieldsToKeep(
  initial: DraftFields,
  current: DraftFields,
  alwaysKept: readonly string[] = [],
): DraftFields {
  const kept = changedFields(initial, current);
  for (const name of alwaysKept) {
    const value = current[name];
    if (value !== undefined) kept[name] = value;
  }
  return kept;
}

/**
 * Whether a form holds anything a person would miss: a changed field or a photo. A form as it opened (the
 * date of today, the plot's own status) is not a draft, and keeping it would only make the plot's card
 * offer to continue something never begun.
 */
export function isWorthKeeping(initial: DraftFields, current: DraftFields, photoCount: number): boolean {
  return photoCount > 0 || Object.keys(changedFields(initial, current)).length > 0;
}

/**
 * The form's fields when it opens with a draft: what it would open with, overlaid with what the draft
 * kept, for the fields the form still has (a draft from an older version of the form with a field since
 * removed restores the rest).
 */
export function restoredFields<F extends DraftFields>(initial: F, kept: DraftFields | undefined): F {
  if (!kept) return initial;
  const fields = { ...initial };
  for (const name of Object.keys(initial) as (keyof F)[]) {
    const value = kept[name as string];
    if (typeof value === 'string') fields[name] = value as F[keyof F];
  }
  return fields;
}

/** How long after its last change a draft is waited for before it is written again (ms). */
export const DRAFT_DEBOUNCE_MS = 400;
