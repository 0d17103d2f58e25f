import { UnknownOptionError } from '../errors/broker.js';
import { describeValue } from '../errors/SealbusError.js';
import { InvalidParameterValueError } from '../errors/sqs.js';

/** The keys one options object may carry; made by `defineOptionKeys`. */
export interface OptionKeys {
  /** How messages name the object, e.g. `send options`. */
  readonly what: string;
  readonly known: ReadonlySet<string>;
}

/**
 * The option keys of `T`: `keys` must list every key of `T` and nothing else (the compiler
 * checks both ways), so the runtime check follows the type.
 */
export function defineOptionKeys<T>(
  what: string,
  keys: Record<keyof T & string, true>,
): OptionKeys {
  return { what, known: new Set(Object.keys(keys)) };
}

/**
 * Names AWS and other libraries use for a sealbus option, by normalised spelling (see
 * `normalise`), for the suggestions that spelling alone cannot find.
 */
const ALIASES: Readonly<Record<string, readonly string[]>> = {
  attributes: ['messageAttributes'],
  maxnumberofmessages: ['maxMessages'],
  maxnumberofmessage: ['maxMessages'],
  dedupid: ['messageDeduplicationId'],
  deduplicationid: ['messageDeduplicationId'],
  rawdelivery: ['rawMessageDelivery'],
  raw: ['rawMessageDelivery'],
  timeout: ['visibilityTimeoutSeconds', 'handlerTimeoutMs'],
};

/**
 * Refuses an options object with a key that `keys` does not list, naming the key and the known
 * key it most likely meant. `undefined` passes (no options). Runs on every call: a plain loop
 * over the object's own keys, without allocating, until a key is unknown.
 * @throws UnknownOptionError for an unknown key; InvalidParameterValueError for a non-object.
 */
export function checkOptionKeys(options: unknown, keys: OptionKeys, fieldPrefix = ''): void {
  if (options === undefined) return;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new InvalidParameterValueError(
      `${keys.what} must be an object of options, got ${describeValue(options)}`,
      { field: fieldPrefix === '' ? 'options' : fieldPrefix.replace(/\.$/, '') },
    );
  }
  for (const key in options) {
    if (!keys.known.has(key) && Object.hasOwn(options, key)) refuse(key, keys, fieldPrefix);
  }
}

/**
 * `checkOptionKeys` for every entry of a batch (`Entries[2].attributes` names the key); an entry
 * that is not an object is refused too. A non-array is left to the batch's own validation.
 */
export function checkEntryKeys(entries: unknown, keys: OptionKeys, field: string): void {
  if (!Array.isArray(entries)) return;
  for (let i = 0; i < entries.length; i++) {
    // A missing entry is not "no options": it must be an object like the others.
    checkOptionKeys(entries[i] ?? null, keys, `${field}[${i}].`);
  }
}

/** `; did you mean "X"?` for the name in `names` closest to `given`, or '' when none is close. */
export function didYouMean(given: string, names: Iterable<string>): string {
  const suggestion = closestKey(given, new Set(names));
  return suggestion === undefined ? '' : `; did you mean ${describeValue(suggestion)}?`;
}

function refuse(key: string, keys: OptionKeys, fieldPrefix: string): never {
  const suggestion = closestKey(key, keys.known);
  const known = [...keys.known].sort().join(', ');
  throw new UnknownOptionError(
    `${keys.what} have no option ${describeValue(key)}${suggestion === undefined ? '' : `; did you mean ${describeValue(suggestion)}?`} Known options: ${known}`,
    key,
    `${fieldPrefix}${key}`,
    suggestion,
  );
}

/** Lower case, letters and digits only, without a unit suffix: `VisibilityTimeout` ~ `visibilityTimeoutSeconds`. */
function normalise(key: string): string {
  return key
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
    .replace(/(seconds|second|secs|sec|ms|millis|milliseconds)$/, '');
}

/**
 * The known key `key` most likely meant: the same after normalising, an alias, a known key
 * that contains it or is contained in it, or one within a few typos; undefined when none is
 * close.
 */
export function closestKey(key: string, known: ReadonlySet<string>): string | undefined {
  const wanted = normalise(key);
  if (wanted === '') return undefined;
  const candidates = [...known].filter((name) => name !== key);
  const same = candidates.find((name) => normalise(name) === wanted);
  if (same !== undefined) return same;
  // Own keys only: `constructor` or `toString` must not find Object.prototype's.
  const aliases = Object.hasOwn(ALIASES, wanted) ? ALIASES[wanted] : undefined;
  const alias = aliases?.find((name) => known.has(name));
  if (alias !== undefined) return alias;
  let best: string | undefined;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const name of candidates) {
    const other = normalise(name);
    const contains = wanted.length >= 4 && (other.includes(wanted) || wanted.includes(other));
    const distance = editDistance(wanted, other);
    const close = distance <= Math.max(1, Math.floor(Math.max(wanted.length, other.length) / 3));
    if (!contains && !close) continue;
    // Containment first (a shortened or prefixed name), then fewer edits.
    const score = (contains ? 0 : 1_000) + distance;
    if (score < bestScore) {
      best = name;
      bestScore = score;
    }
  }
  return best;
}

/** Levenshtein distance; option keys are short, so the quadratic table is tiny. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length] as number;
}
