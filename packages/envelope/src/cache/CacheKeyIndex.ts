import type { EncryptionContext, Principal } from '@sealbus/core';
import {
  checkContextObject,
  checkContextValue,
  contextCacheKey,
} from '../format/encryptionContext.js';

type TrieNode = Map<unknown, TrieNode | string>;

function child(node: TrieNode, part: unknown): TrieNode {
  let next = node.get(part);
  if (next === undefined) {
    next = new Map();
    node.set(part, next);
  }
  return next as TrieNode;
}

/**
 * Maps (scope, principal, encryption context) to one interned cache-key string by walking a
 * trie of the strings the caller passed. V8 caches their hashes, so a lookup is a few map
 * probes instead of concatenating and hashing a fresh ~100-character key on every message.
 * The trie is dropped when it holds `capacity` keys; it only ever rebuilds equal strings.
 */
export class CacheKeyIndex {
  private root: TrieNode = new Map();
  private size = 0;
  /**
   * The last lookup: its scope, principal and the context's own enumerable names and values in
   * enumeration order. Callers mostly repeat the same context (one per queue), and checking it
   * against this memo is one allocation-free pass instead of the trie walk.
   */
  private lastScope = '';
  private lastPrincipal: Principal | undefined;
  private lastNames: string[] = [];
  private lastValues: string[] = [];
  private lastKey: string | undefined;

  constructor(private readonly capacity: number) {}

  /** `scope` is the key id when sealing, '' when opening. Validates the context. */
  key(scope: string, principal: Principal | undefined, context: EncryptionContext): string {
    if (
      this.lastKey !== undefined &&
      scope === this.lastScope &&
      principal === this.lastPrincipal &&
      this.matchesLast(context)
    ) {
      return this.lastKey;
    }
    const key = this.walk(scope, principal, context);
    const names = Object.keys(context);
    this.lastScope = scope;
    this.lastPrincipal = principal;
    this.lastNames = names;
    this.lastValues = names.map((name) => context[name] as string);
    this.lastKey = key;
    return key;
  }

  /**
   * Whether `context` enumerates exactly the remembered names with the remembered (validated)
   * values. `for...in` also yields inherited enumerable names, which only makes a context
   * differ from the memo and take the walk.
   */
  private matchesLast(context: EncryptionContext): boolean {
    if (typeof context !== 'object' || context === null) return false;
    const names = this.lastNames;
    const values = this.lastValues;
    let index = 0;
    for (const name in context) {
      if (name !== names[index] || context[name] !== values[index]) return false;
      index++;
    }
    return index === names.length;
  }

  private walk(
    scope: string,
    principal: Principal | undefined,
    context: EncryptionContext,
  ): string {
    checkContextObject(context);
    if (this.size >= this.capacity) {
      this.root = new Map();
      this.size = 0;
    }
    // Path: scope, principal, pair count, then name and value of each pair (names sorted);
    // the count keeps a context from being a prefix of a larger one. Values are checked
    // before any node is added, so invalid contexts leave nothing behind.
    const names = Object.keys(context);
    if (names.length > 1) names.sort();
    for (const name of names) checkContextValue(name, context[name]);
    let node = child(child(child(this.root, scope), principal), names.length);
    const last = names.length - 1;
    for (let i = 0; i < last; i++) {
      const name = names[i] as string;
      node = child(child(node, name), context[name]);
    }
    let leafPart: string | undefined;
    if (last >= 0) {
      const name = names[last] as string;
      node = child(node, name);
      leafPart = context[name];
    }
    const found = node.get(leafPart);
    if (typeof found === 'string') return found;
    const key = `${scope.length}:${scope}${principal === undefined ? '-' : `${principal.length}:${principal}`}${contextCacheKey(context)}`;
    node.set(leafPart, key);
    this.size++;
    return key;
  }
}
