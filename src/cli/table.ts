// Plain-text tables for a terminal: columns padded to the widest cell, counting CJK characters as two
// columns wide (as terminals draw them), labels left and figures right.

/** Columns a string takes in a terminal: East Asian wide and full-width characters count two. */
function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    const wide =
      (code >= 0x1100 && code <= 0x115f) ||
      (code >= 0x2e80 && code <= 0xa4cf) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xfe30 && code <= 0xfe4f) ||
      (code >= 0xff00 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6) ||
      (code >= 0x20000 && code <= 0x3fffd);
    width += wide ? 2 : 1;
  }
  return width;
}

function pad(text: string, width: number, right: boolean): string {
  const fill = ' '.repeat(Math.max(width - displayWidth(text), 0));
  return right ? fill + text : text + fill;
}

/** Lines of a table: the first column left-aligned, the others right-aligned, two spaces between. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const all = [header, ...rows];
  const widths = header.map((_, column) => Math.max(...all.map((row) => displayWidth(row[column] ?? ''))));
  return all.map((row) =>
    row
      .map((cell, column) => pad(cell, widths[column] as number, column > 0))
      .join('  ')
      .trimEnd(),
  );
}
