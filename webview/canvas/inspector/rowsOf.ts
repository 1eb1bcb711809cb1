/**
 * A list param's value as rows of text fields, for a row editor. Whatever the value holds (absent, or
 * a row missing a field, as a hand-edited file may have) shows as empty text, never "undefined";
 * the schema still judges the list when an edit commits it.
 */
export function rowsOf<K extends string>(value: unknown, keys: readonly K[]): Record<K, string>[] {
  if (!Array.isArray(value)) return [];
  return value.map((row: Partial<Record<K, unknown>> | null) => Object.fromEntries(keys.map((k) => [k, String(row?.[k] ?? '')])) as Record<K, string>);
}
