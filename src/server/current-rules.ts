// The identification rules the server judges plots by (the table's "fails rules" filter and its export).
// ONE function, so the rules kept as a setting with history (branch i12-deadlines) are wired here once;
// until then they are the defaults of src/domain/rules.ts.
import { DEFAULT_RULES, type IdentificationRules } from '../domain/rules.ts';
import type { Store } from './store/types.ts';

export async function currentRules(_store: Store): Promise<IdentificationRules> {
  return DEFAULT_RULES;
}
