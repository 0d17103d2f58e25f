/**
 * From the wire form of fully resolved attributes, the entries the caller actually set. An
 * attribute the resolved form no longer holds was cleared with `''` and is sent as `''`;
 * `false` flags that the wire form omits (e.g. `FifoQueue: false`) are left out.
 */
export function pickWire(given: object, formatted: Record<string, string>): Record<string, string> {
  const wire: Record<string, string> = {};
  for (const [name, value] of Object.entries(given)) {
    if (value === undefined) continue;
    const text = formatted[name];
    if (text !== undefined) wire[name] = text;
    else if (value === '') wire[name] = '';
  }
  return wire;
}
