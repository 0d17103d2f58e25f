import { InvalidParameterValueError } from '@sealbus/core';
import { decodeQueryComponent } from '../auth/sigv4.js';
import { checkQueryKeySegments, checkQueryParameterCount } from './limits.js';

/**
 * Decodes `application/x-www-form-urlencoded` text (Query protocol bodies and URL query strings)
 * into ordered pairs. `+` is a space (botocore sends `a+b`, JS v3 `%20`). `lenient` skips
 * pairs that do not decode instead of refusing the request (protocol detection only).
 */
export function decodeForm(text: string, lenient = false): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  let index = 0;
  for (const piece of text.split('&')) {
    if (piece === '') continue;
    index++;
    const eq = piece.indexOf('=');
    try {
      pairs.push([
        decodeQueryComponent(eq < 0 ? piece : piece.slice(0, eq)),
        eq < 0 ? '' : decodeQueryComponent(piece.slice(eq + 1)),
      ]);
    } catch {
      if (lenient) continue;
      // Position only: the parameter may be a message body, and error texts reach logs.
      throw new InvalidParameterValueError(
        `the form-encoded request has a malformed percent escape in parameter ${index}; encode parameters with encodeURIComponent`,
        { field: 'body' },
      );
    }
  }
  return pairs;
}

/** A dotted Query key path decoded into nested objects: `A.1.Name=x` → `{A:{1:{Name:'x'}}}`. */
export type FormTree = { [key: string]: FormTree | string };

/**
 * Nests `Attribute.1.Name`-style keys. A bare `Param=` next to `Param.member.1` keeps the nested
 * form: the bare key is how botocore sends an empty list.
 */
export function formTree(pairs: ReadonlyArray<[string, string]>): FormTree {
  // Null-prototype nodes: a key such as `__proto__.x` must create a node, not reach Object.prototype.
  const root: FormTree = Object.create(null);
  for (const [index, [key, value]] of pairs.entries()) {
    const path = key.split('.');
    checkQueryKeySegments(path.length, index + 1);
    let node = root;
    for (let i = 0; i < path.length - 1; i++) {
      const segment = path[i]!;
      const child = node[segment];
      if (typeof child === 'object') {
        node = child;
      } else {
        const created: FormTree = Object.create(null);
        node[segment] = created;
        node = created;
      }
    }
    const leaf = path[path.length - 1]!;
    if (typeof node[leaf] !== 'object') node[leaf] = value;
  }
  return root;
}

/**
 * Query parameters of a request: the URL query string, then a form-encoded body, at most
 * `REQUEST_LIMITS.maxQueryParameters` of them. `lenient` as in `decodeForm`.
 */
export function requestFormPairs(
  request: {
    query: string;
    headers: { 'content-type'?: string | undefined };
    body: Uint8Array;
  },
  lenient = false,
): Array<[string, string]> {
  const pairs = decodeForm(request.query, lenient);
  if (isFormContentType(request.headers['content-type'])) {
    pairs.push(...decodeForm(Buffer.from(request.body).toString('utf8'), lenient));
  }
  if (!lenient) checkQueryParameterCount(pairs.length);
  return pairs;
}

export function isFormContentType(contentType: string | undefined): boolean {
  return (contentType ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded');
}
