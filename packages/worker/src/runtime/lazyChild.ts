import type { Logger } from '@sealbus/core';

/**
 * A child logger that is only created when first used: most deliveries log nothing at the
 * active level, and creating a pino child per message is a measurable share of the hot path.
 * A class, so that each instance costs one object rather than a set of closures.
 */
class LazyChildLogger implements Logger {
  readonly #parent: Logger;
  readonly #bindings: Record<string, unknown>;
  #child: Logger | undefined;

  constructor(parent: Logger, bindings: Record<string, unknown>) {
    this.#parent = parent;
    this.#bindings = bindings;
  }

  #get(): Logger {
    this.#child ??= this.#parent.child(this.#bindings);
    return this.#child;
  }

  debug(obj: object, msg?: string): void {
    this.#get().debug(obj, msg);
  }

  info(obj: object, msg?: string): void {
    this.#get().info(obj, msg);
  }

  warn(obj: object, msg?: string): void {
    this.#get().warn(obj, msg);
  }

  error(obj: object, msg?: string): void {
    this.#get().error(obj, msg);
  }

  child(bindings: Record<string, unknown>): Logger {
    // Bind to the real parent: a lazy parent's child() would return another lazy logger, and
    // #get() would never reach a real one.
    return new LazyChildLogger(this.#parent, { ...this.#bindings, ...bindings });
  }
}

export function lazyChild(parent: Logger, bindings: Record<string, unknown>): Logger {
  return new LazyChildLogger(parent, bindings);
}
