/** `attributes` without the read-only ones (ARN, counters, timestamps) named in `readOnly`. */
export function withoutReadOnly<T extends object, K extends string>(
  attributes: T,
  readOnly: readonly K[],
): Omit<T, K> {
  const rest = { ...attributes } as Record<string, unknown>;
  for (const name of readOnly) delete rest[name];
  return rest as Omit<T, K>;
}
