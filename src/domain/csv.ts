// The one CSV writer (the layer export of the server, the zone analysis of the app): text Excel opens
// with its Chinese intact and never runs. UTF-8 with a byte-order mark (else Excel reads GBK), CRLF line
// ends, a field quoted where RFC 4180 needs it (a quote, comma, CR or LF; quotes doubled), and text that
// a spreadsheet would read as a formula — first character =, +, -, @, tab or CR — prefixed with an
// apostrophe (OWASP, CSV injection). Only text is guarded: the number -3.5 stays the number -3.5.

export const CSV_BOM = '\uFEFF';

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One field: a number as written (a non-finite one empty), null and undefined empty, a boolean as
 * true/false, a list of plain values joined with ";", any other object as its JSON; text guarded.
 */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return String(value);
  if (typeof value !== 'string') {
    const plainList =
      Array.isArray(value) && value.every((item) => typeof item !== 'object' || item === null);
    return csvField(plainList ? value.join(';') : JSON.stringify(value));
  }
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The whole file: BOM, one line per row, each line ended by CRLF. */
export function csvText(rows: readonly (readonly unknown[])[]): string {
  const lines = rows.map((row) => row.map(csvField).join(','));
  return `${CSV_BOM}${lines.join('\r\n')}\r\n`;
}
