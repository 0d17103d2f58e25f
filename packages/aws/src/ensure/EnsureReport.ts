import { describeValue, InvalidParameterValueError } from '@sealbus/core';

/** One attribute whose value on the existing resource differs from the declared one (wire strings). */
export interface AttributeDrift {
  attribute: string;
  expected: string | undefined;
  actual: string | undefined;
}

/**
 * What to do when a resource exists with other attributes: fail (`'error'`), change it to the
 * declared attributes (`'update'`), or only report the drift (`'report'`).
 */
export type OnDrift = 'error' | 'update' | 'report';

export interface EnsureOptions {
  /** @defaultValue 'error' */
  onDrift?: OnDrift;
}

export interface EnsureReport {
  /** The resource did not exist and was created. */
  created: boolean;
  /** Attributes that differed from the declaration (before any update). */
  drift: AttributeDrift[];
  /** The drifted attributes were changed to the declared values (`onDrift: 'update'`). */
  updated: boolean;
}

export const DEFAULT_ON_DRIFT: OnDrift = 'error';

/** Checks `onDrift` and returns it with its default. */
export function resolveOnDrift(options: EnsureOptions | undefined): OnDrift {
  const onDrift = options?.onDrift ?? DEFAULT_ON_DRIFT;
  if (onDrift !== 'error' && onDrift !== 'update' && onDrift !== 'report') {
    throw new InvalidParameterValueError(
      `onDrift must be 'error', 'update' or 'report'; got ${describeValue(onDrift)}`,
      { field: 'onDrift' },
    );
  }
  return onDrift;
}
