// User names compare as people read them: after Unicode compatibility normalisation (NFKC: full-width
// ＡＢＣ is ABC, the ligature ﬁ is fi) and case folding (Ädmin is ädmin, STRASSE is straße), so two
// accounts can never differ only in such details, and one login limit counts one person.

/** The key a user name is stored, looked up and rate-limited by. */
export function canonicalUsername(name: string): string {
  // Upper then lower case folds what lower case alone does not (ß → SS → ss, final ς → Σ → σ).
  return name.normalize('NFKC').toUpperCase().toLowerCase().normalize('NFKC');
}
