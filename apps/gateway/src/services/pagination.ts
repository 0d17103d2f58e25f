import { describeValue, InvalidParameterValueError } from '@sealbus/core';

export interface Page<T> {
  items: T[];
  /** Present when more items follow. */
  nextToken?: string;
}

/**
 * One page of `items` (sorted by `keyOf`) starting after the item a previous page's token
 * names. Tokens carry the last key, so pages stay stable while items are added or removed.
 */
export function pageAfter<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  options: { pageSize: number; nextToken?: string | undefined; field?: string },
): Page<T> {
  let start = 0;
  if (options.nextToken !== undefined && options.nextToken !== '') {
    const after = decodeToken(options.nextToken, options.field ?? 'NextToken');
    start = items.findIndex((item) => keyOf(item) > after);
    if (start < 0) start = items.length;
  }
  const page = items.slice(start, start + options.pageSize);
  const more = start + options.pageSize < items.length;
  return more && page.length > 0
    ? { items: page, nextToken: encodeToken(keyOf(page[page.length - 1]!)) }
    : { items: page };
}

const TOKEN_PREFIX = 'sb1:';

function encodeToken(key: string): string {
  return Buffer.from(`${TOKEN_PREFIX}${key}`, 'utf8').toString('base64url');
}

function decodeToken(token: string, field: string): string {
  const text = Buffer.from(token, 'base64url').toString('utf8');
  if (!text.startsWith(TOKEN_PREFIX)) {
    throw new InvalidParameterValueError(
      `${field} ${describeValue(token)} is not a token this endpoint issued; pass the ${field} of the previous response`,
      { field },
    );
  }
  return text.slice(TOKEN_PREFIX.length);
}
