/**
 * `target` with its `close` replaced by `close`, everything else its own: methods run on the
 * target itself (so private fields work), `instanceof` and new methods need no forwarding list.
 */
export function withClose<T extends { close(): Promise<void> }>(
  target: T,
  close: () => Promise<void>,
): T {
  return new Proxy(target, {
    get(object, property) {
      if (property === 'close') return close;
      const value: unknown = Reflect.get(object, property, object);
      return typeof value === 'function' ? value.bind(object) : value;
    },
  });
}
