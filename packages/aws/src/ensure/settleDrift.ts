import { ResourceDriftError } from '../errors/ResourceDriftError.js';
import type { AttributeDrift, EnsureReport, OnDrift } from './EnsureReport.js';

/** The declared and current wire values of each attribute in `names`. */
export function wireDrift(
  names: readonly string[],
  expected: Readonly<Record<string, string>>,
  actual: Readonly<Record<string, string>>,
): AttributeDrift[] {
  return names.map((attribute) => ({
    attribute,
    expected: expected[attribute],
    actual: actual[attribute],
  }));
}

/** The declared values of the drifted attributes: what `onDrift: 'update'` sets. */
export function declaredValuesOf<A extends object>(
  declared: A,
  drift: readonly AttributeDrift[],
): Partial<A> {
  const update: Partial<A> = {};
  for (const entry of drift) {
    (update as Record<string, unknown>)[entry.attribute] = declared[entry.attribute as keyof A];
  }
  return update;
}

/**
 * What `ensureQueue`, `ensureTopic` and `ensureSubscription` do once the drift is known: nothing
 * (none, or `'report'`), fail with `ResourceDriftError` (`'error'`), or `apply` the declaration.
 */
export async function settleDrift<R>(
  existing: R,
  drift: AttributeDrift[],
  onDrift: OnDrift,
  failure: { resourceName: string; hint: string },
  apply: () => Promise<R>,
): Promise<{ resource: R; report: EnsureReport }> {
  const report: EnsureReport = { created: false, drift, updated: false };
  if (drift.length === 0 || onDrift === 'report') return { resource: existing, report };
  if (onDrift === 'error') {
    throw new ResourceDriftError(failure.resourceName, drift, failure.hint);
  }
  const resource = await apply();
  report.updated = true;
  return { resource, report };
}
