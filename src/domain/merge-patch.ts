// How a property edit applies (RFC 7396 on one level): a null removes the property, any other value sets
// it. The server merges edits this way; the app shows conflicts and refused attempts the same way.

export function applyMergePatch(
  base: Readonly<Record<string, unknown>>,
  patch: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...base };
  for (const [name, value] of Object.entries(patch)) {
    if (value === null) delete merged[name];
    else merged[name] = value;
  }
  return merged;
}
