import type { Logger } from '@sealbus/core';

/**
 * A child logger that is only created when first used: most deliveries log nothing at the
 * active level, and creating a pino child per message is a measurable share of the hot path.
 */
export function lazyChild(parent: Logger, bindings: Record<string, unknown>): Logger {
  let child: Logger | undefined;
  const get = (): Logger => {
    child ??= parent.child(bindings);
    return child;
  };
  return {
    debug: (obj, msg) => get().debug(obj, msg),
    info: (obj, msg) => get().info(obj, msg),
    warn: (obj, msg) => get().warn(obj, msg),
    error: (obj, msg) => get().error(obj, msg),
    child: (more) => lazyChild(get(), more),
  };
}
