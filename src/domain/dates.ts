// Dates as the data model writes them (deadline, signedOn…, an inspection's date): YYYY-MM-DD, and a
// real calendar date. One check for the validator, the server's routes and the app's forms.

export const ISO_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar date written YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  if (!ISO_DATE_PATTERN.test(value)) return false;
  // Date.parse rolls 2026-02-30 over to March; a real date survives the round trip unchanged.
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}
