// Limits every reader of JSON text applies before it trusts a parsed value: how deeply arrays and
// objects nest (a GeometryCollection nested 20 000 deep is valid JSON, yet blows the stack of any
// recursive walk after it), and numbers JSON.parse turns into ±Infinity (`1e309`), which JSON.stringify
// would later write as null. Both are found without recursion, so the checks themselves cannot overflow.

/** Deep enough for any GeoJSON (a MultiPolygon's positions sit at depth 6 inside a FeatureCollection). */
export const MAX_JSON_DEPTH = 64;

export interface TooDeep {
  /** Character offset of the bracket that opened one level too many. */
  offset: number;
  depth: number;
}

/**
 * The first `[` or `{` that opens level `maxDepth + 1`, or null when the text never nests deeper.
 * Strings are skipped (a bracket inside a string is text); the text need not be valid JSON.
 */
export function findTooDeep(text: string, maxDepth = MAX_JSON_DEPTH): TooDeep | null {
  const syntax = /["[\]{}]/g;
  let depth = 0;
  for (let match = syntax.exec(text); match !== null; match = syntax.exec(text)) {
    const ch = match[0];
    if (ch === '"') {
      syntax.lastIndex = stringEnd(text, match.index) + 1;
    } else if (ch === '[' || ch === '{') {
      depth++;
      if (depth > maxDepth) return { offset: match.index, depth };
    } else if (depth > 0) {
      depth--;
    }
  }
  return null;
}

/** Offset of the closing quote of the string opened at `start`, or the text's length if unclosed. */
export function stringEnd(text: string, start: number): number {
  let end = text.indexOf('"', start + 1);
  while (end !== -1) {
    let backslashes = 0;
    for (let i = end - 1; text.charCodeAt(i) === 0x5c; i--) backslashes++;
    if (backslashes % 2 === 0) return end;
    end = text.indexOf('"', end + 1);
  }
  return text.length;
}

/**
 * Whether a parsed value breaks a limit: 'too-deep' (an array or object at level maxDepth + 1) or
 * 'non-finite' (a number JSON.parse made ±Infinity), whichever is met first; null when neither. One
 * fast pass for every file (positions are checked inline, nothing is allocated per value);
 * findTooDeep, findTooDeepValue and findNonFiniteNumber then say where.
 */
export function breaksJsonLimits(root: unknown, maxDepth = MAX_JSON_DEPTH): 'too-deep' | 'non-finite' | null {
  if (typeof root === 'number') return Number.isFinite(root) ? null : 'non-finite';
  if (typeof root !== 'object' || root === null) return null;
  const values: object[] = [root];
  const depths: number[] = [1];
  while (values.length > 0) {
    const value = values.pop() as object;
    const depth = depths.pop() as number;
    if (depth > maxDepth) return 'too-deep';
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i];
        if (typeof item === 'number') {
          if (!Number.isFinite(item)) return 'non-finite';
        } else if (typeof item === 'object' && item !== null) {
          if (depth < maxDepth && isFinitePosition(item)) continue;
          values.push(item);
          depths.push(depth + 1);
        }
      }
    } else {
      for (const key in value) {
        const item: unknown = (value as Record<string, unknown>)[key];
        if (typeof item === 'number') {
          if (!Number.isFinite(item)) return 'non-finite';
        } else if (typeof item === 'object' && item !== null) {
          values.push(item);
          depths.push(depth + 1);
        }
      }
    }
  }
  return null;
}

/** An array of finite numbers only, such as a position (else the caller walks it item by item). */
function isFinitePosition(item: object): boolean {
  if (!Array.isArray(item) || typeof item[0] !== 'number') return false;
  for (let i = 0; i < item.length; i++) {
    const n: unknown = item[i];
    if (typeof n !== 'number' || !Number.isFinite(n)) return false;
  }
  return true;
}

function holdsNoContainer(items: readonly unknown[]): boolean {
  for (const item of items) if (typeof item === 'object' && item !== null) return false;
  return true;
}

/**
 * The path (keys and indexes) to the first array or object of an already parsed value that sits at
 * level `maxDepth + 1`, or null: the check findTooDeep makes on text, for a value that arrives parsed.
 * Iterative, so a value of any depth is walked safely.
 */
export function findTooDeepValue(root: unknown, maxDepth = MAX_JSON_DEPTH): (string | number)[] | null {
  interface Step {
    value: object;
    key: string | number;
    parent: Step | null;
    depth: number;
  }
  if (typeof root !== 'object' || root === null) return null;
  const pending: Step[] = [{ value: root, key: '', parent: null, depth: 1 }];
  while (pending.length > 0) {
    const step = pending.pop() as Step;
    if (step.depth > maxDepth) {
      const path: (string | number)[] = [];
      for (let at: Step | null = step; at?.parent; at = at.parent) path.unshift(at.key);
      return path;
    }
    const { value } = step;
    const depth = step.depth + 1;
    if (Array.isArray(value)) {
      // Positions are most of a layer: numbers are skipped without a step each.
      for (let i = value.length - 1; i >= 0; i--) {
        const item: unknown = value[i];
        if (typeof item !== 'object' || item === null) continue;
        if (depth <= maxDepth && Array.isArray(item) && holdsNoContainer(item)) continue;
        pending.push({ value: item, key: i, parent: step, depth });
      }
    } else {
      for (const key of Object.keys(value)) {
        const item: unknown = (value as Record<string, unknown>)[key];
        if (typeof item === 'object' && item !== null)
          pending.push({ value: item, key, parent: step, depth });
      }
    }
  }
  return null;
}

/**
 * The path (keys and indexes) to the first number that is not finite, or null. JSON has no Infinity:
 * such a number was written out of range (`1e309`) and must be refused, not stored as null.
 * Iterative, so a value of any depth is walked safely.
 */
export function findNonFiniteNumber(root: unknown): (string | number)[] | null {
  interface Step {
    value: unknown;
    key: string | number;
    parent: Step | null;
  }
  const pathOf = (step: Step | null, last?: string | number): (string | number)[] => {
    const path: (string | number)[] = last === undefined ? [] : [last];
    for (let at = step; at?.parent; at = at.parent) path.unshift(at.key);
    return path;
  };
  const pending: Step[] = [{ value: root, key: '', parent: null }];
  while (pending.length > 0) {
    const step = pending.pop() as Step;
    const { value } = step;
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) return pathOf(step);
    } else if (Array.isArray(value)) {
      // Positions are most of a layer: check their numbers here rather than one step each.
      for (let i = value.length - 1; i >= 0; i--) {
        const item: unknown = value[i];
        if (typeof item === 'number') {
          if (!Number.isFinite(item)) return pathOf(step, i);
        } else if (typeof item === 'object' && item !== null)
          pending.push({ value: item, key: i, parent: step });
      }
    } else if (typeof value === 'object' && value !== null) {
      for (const key of Object.keys(value)) {
        pending.push({ value: (value as Record<string, unknown>)[key], key, parent: step });
      }
    }
  }
  return null;
}
