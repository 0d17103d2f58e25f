import { errorBase, type SealbusErrorOptions } from '@sealbus/core';
import type { AttributeDrift } from '../ensure/EnsureReport.js';

/**
 * A queue, topic or subscription exists with other attributes than the application declares,
 * and `onDrift` is `'error'` (or the drifted attribute cannot be changed, like `FifoQueue`).
 */
export class ResourceDriftError extends errorBase('ResourceDrift') {
  readonly resourceName: string;
  readonly drift: readonly AttributeDrift[];

  constructor(
    resourceName: string,
    drift: readonly AttributeDrift[],
    hint: string,
    options: SealbusErrorOptions = {},
  ) {
    const details = drift
      .map(
        (entry) =>
          `${entry.attribute} is ${entry.actual ?? '(unset)'}, expected ${entry.expected ?? '(unset)'}`,
      )
      .join('; ');
    super(`${resourceName} exists with other attributes: ${details}. ${hint}`, {
      field: drift[0]?.attribute,
      ...options,
    });
    this.resourceName = resourceName;
    this.drift = drift;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), resourceName: this.resourceName, drift: this.drift };
  }
}
