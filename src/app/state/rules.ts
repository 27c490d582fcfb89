// The identification rules the app judges plots by (the table's "fails rules" filter). ONE hook, so the
// rules kept as a server setting with history (branch i12-deadlines: GET /api/settings/rules) are wired
// here once; until then they are the defaults of src/domain/rules.ts.
import { DEFAULT_RULES, type IdentificationRules } from '../../domain/rules.ts';

export function useRules(): IdentificationRules {
  return DEFAULT_RULES;
}
