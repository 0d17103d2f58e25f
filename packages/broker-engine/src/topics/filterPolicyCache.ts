import {
  type CompiledFilterPolicy,
  compileFilterPolicy,
  type SubscriptionAttributes,
} from '@sealbus/core';

const MAX_CACHED_POLICIES = 10_000;

/** Compiled filter policies by their JSON and scope, so a publish compiles nothing it has seen. */
export class FilterPolicyCache {
  readonly #compiled = new Map<string, CompiledFilterPolicy>();

  get(attributes: SubscriptionAttributes): CompiledFilterPolicy | undefined {
    if (attributes.filterPolicy === undefined) return undefined;
    const key = `${attributes.filterPolicyScope}\u0000${JSON.stringify(attributes.filterPolicy)}`;
    let compiled = this.#compiled.get(key);
    if (compiled === undefined) {
      compiled = compileFilterPolicy(attributes.filterPolicy, attributes.filterPolicyScope);
      if (this.#compiled.size >= MAX_CACHED_POLICIES) this.#compiled.clear();
      this.#compiled.set(key, compiled);
    }
    return compiled;
  }
}
