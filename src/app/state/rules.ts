// The identification rules the app judges plots by: the ONE place the app reads them. For now the
// defaults (src/domain/rules.ts); once the server keeps them as a setting (GET /api/settings/rules),
// this reads that, and every reader follows.
import { DEFAULT_RULES, type IdentificationRules } from '../../domain/rules.ts';

export function useRules(): IdentificationRules {
  return DEFAULT_RULES;
}
