import type { MessageAttributes, MessageAttributeValue } from '../types/messages.js';
import { toFilterNumber } from './filterNumber.js';
import type {
  CompiledFilterPolicy,
  FilterConjunction,
  FilterLeaf,
  FilterMatcher,
  NumericBound,
} from './types.js';

/** The parts of a published message a filter policy looks at. */
export interface FilterableMessage {
  messageAttributes?: MessageAttributes;
  body?: string;
}

/** What a key resolves to: whether it is there at all, and the scalars to compare. */
interface ResolvedKey {
  readonly present: boolean;
  readonly values: readonly FilterLeaf[];
}

const ABSENT: ResolvedKey = { present: false, values: [] };

/**
 * Whether SNS would deliver `message` to a subscription with this policy. Keys AND together,
 * the values of one key OR together, `$or` alternatives OR together; a message attribute or
 * body array matches when any element matches.
 */
export function matchesFilterPolicy(
  compiled: CompiledFilterPolicy,
  message: FilterableMessage,
): boolean {
  // Only the empty policy `{}` compiles to an empty conjunction: it filters nothing.
  if (compiled.alternatives.some((alternative) => alternative.length === 0)) return true;
  let resolve: (path: readonly string[]) => ResolvedKey;
  if (compiled.scope === 'MessageAttributes') {
    const attributes = message.messageAttributes ?? {};
    resolve = (path) => resolveAttribute(attributes, path[0]!);
  } else {
    const body = parseBody(message.body);
    // Body filtering assumes a JSON object; SNS drops any other body for this subscription.
    if (body === undefined) return false;
    resolve = (path) => resolveBodyPath(body, path);
  }
  return compiled.alternatives.some((alternative) => matchesConjunction(alternative, resolve));
}

function matchesConjunction(
  conjunction: FilterConjunction,
  resolve: (path: readonly string[]) => ResolvedKey,
): boolean {
  return conjunction.every((condition) => {
    const resolved = resolve(condition.path);
    return condition.matchers.some((matcher) => matchesKey(matcher, resolved));
  });
}

function matchesKey(matcher: FilterMatcher, resolved: ResolvedKey): boolean {
  if (matcher.kind === 'exists') return matcher.value === resolved.present;
  return resolved.values.some((value) => matchesLeaf(matcher, value));
}

function matchesLeaf(matcher: FilterMatcher, value: FilterLeaf): boolean {
  switch (matcher.kind) {
    case 'exact':
      return value === matcher.value;
    case 'exactNumber':
      return typeof value === 'number' && toFilterNumber(value) === matcher.value;
    case 'prefix':
      return typeof value === 'string' && value.startsWith(matcher.value);
    case 'suffix':
      return typeof value === 'string' && value.endsWith(matcher.value);
    case 'equalsIgnoreCase':
      return typeof value === 'string' && value.toLowerCase() === matcher.value;
    case 'anythingBut':
      if (typeof value === 'string') return !matcher.strings.has(value);
      if (typeof value === 'number') return !matcher.numbers.has(toFilterNumber(value));
      return false;
    case 'anythingButPrefix':
      return typeof value === 'string' && !value.startsWith(matcher.value);
    case 'anythingButSuffix':
      return typeof value === 'string' && !value.endsWith(matcher.value);
    case 'numeric':
      return (
        typeof value === 'number' && inRange(toFilterNumber(value), matcher.lower, matcher.upper)
      );
    case 'exists':
      return false;
  }
}

function inRange(value: number, lower?: NumericBound, upper?: NumericBound): boolean {
  if (lower !== undefined && (lower.inclusive ? value < lower.value : value <= lower.value)) {
    return false;
  }
  if (upper !== undefined && (upper.inclusive ? value > upper.value : value >= upper.value)) {
    return false;
  }
  return true;
}

/**
 * SNS compares String, String.Array and Number attributes (custom suffixes such as
 * `Number.float` included). Binary attributes take no part in filtering, so they count as absent.
 */
function resolveAttribute(attributes: MessageAttributes, name: string): ResolvedKey {
  if (!Object.hasOwn(attributes, name)) return ABSENT;
  const attribute = attributes[name] as MessageAttributeValue;
  const dataType = attribute.dataType;
  const text = attribute.stringValue ?? '';
  if (dataType === 'String.Array' || dataType === 'Number.Array') {
    return { present: true, values: parseArrayAttribute(text) };
  }
  const baseType = dataType.split('.', 1)[0];
  if (baseType === 'String') return { present: true, values: [text] };
  if (baseType === 'Number') {
    const number = Number(text);
    return { present: true, values: text.trim() !== '' && Number.isFinite(number) ? [number] : [] };
  }
  return ABSENT;
}

/** A `String.Array` value is JSON array text; its scalar elements are compared one by one. */
function parseArrayAttribute(text: string): FilterLeaf[] {
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? parsed.filter(isLeaf) : [];
  } catch {
    return [];
  }
}

function parseBody(body: string | undefined): Record<string, unknown> | undefined {
  if (body === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(body);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Walks a key path through the body. Arrays on the way fan out to every element, so a key
 * matches when any element matches; only scalar leaves count as values.
 */
function resolveBodyPath(body: Record<string, unknown>, path: readonly string[]): ResolvedKey {
  let nodes: unknown[] = [body];
  for (const segment of path) {
    const next: unknown[] = [];
    for (const node of flattenArrays(nodes)) {
      if (isObject(node) && Object.hasOwn(node, segment)) next.push(node[segment]);
    }
    nodes = next;
  }
  const values = flattenArrays(nodes).filter(isLeaf);
  return values.length === 0 ? ABSENT : { present: true, values };
}

function flattenArrays(nodes: readonly unknown[]): unknown[] {
  const out: unknown[] = [];
  const stack = [...nodes].reverse();
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      for (let index = node.length - 1; index >= 0; index--) stack.push(node[index]);
    } else {
      out.push(node);
    }
  }
  return out;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isLeaf(value: unknown): value is FilterLeaf {
  return (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'boolean'
  );
}
