import type { FilterPolicyScope } from '../types/attributes.js';

/** A scalar the filter compares: a JSON leaf of the body, or an attribute value. */
export type FilterLeaf = string | number | boolean | null;

/** One compiled match expression of a key's value list. */
export type FilterMatcher =
  | { readonly kind: 'exact'; readonly value: string | boolean | null }
  | { readonly kind: 'exactNumber'; readonly value: number }
  | { readonly kind: 'prefix'; readonly value: string }
  | { readonly kind: 'suffix'; readonly value: string }
  | { readonly kind: 'equalsIgnoreCase'; readonly value: string }
  | {
      readonly kind: 'anythingBut';
      readonly strings: ReadonlySet<string>;
      readonly numbers: ReadonlySet<number>;
    }
  | { readonly kind: 'anythingButPrefix'; readonly value: string }
  | { readonly kind: 'anythingButSuffix'; readonly value: string }
  | { readonly kind: 'numeric'; readonly lower?: NumericBound; readonly upper?: NumericBound }
  | { readonly kind: 'exists'; readonly value: boolean };

export interface NumericBound {
  /** Already reduced to the five-decimal accuracy SNS compares with. */
  readonly value: number;
  readonly inclusive: boolean;
}

/** A key path (one segment for attributes, the nesting for a body) and its OR-ed matchers. */
export interface FilterCondition {
  readonly path: readonly string[];
  readonly matchers: readonly FilterMatcher[];
}

/** Every condition must hold (AND across keys). */
export type FilterConjunction = readonly FilterCondition[];

/**
 * A validated filter policy, ready to evaluate. `policy` is the policy object as given
 * (parsed when given as JSON), which GetSubscriptionAttributes returns verbatim.
 */
export interface CompiledFilterPolicy {
  readonly scope: FilterPolicyScope;
  readonly policy: Readonly<Record<string, unknown>>;
  /** The `$or` expansion: a message matches when any conjunction holds. */
  readonly alternatives: readonly FilterConjunction[];
  /** The complexity SNS limits to 150, computed as the SNS documentation describes. */
  readonly combinations: number;
}
