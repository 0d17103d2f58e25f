import { describeValue, KmsInvalidMarkerError } from '@sealbus/core';

/** Markers are opaque to callers: base64url of the last name returned. */
export function encodeMarker(lastName: string): string {
  return Buffer.from(lastName, 'utf8').toString('base64url');
}

export function decodeMarker(
  marker: string | undefined,
  isValid: (name: string) => boolean,
): string | undefined {
  if (marker === undefined) return undefined;
  const name = typeof marker === 'string' ? Buffer.from(marker, 'base64url').toString('utf8') : '';
  if (name.length === 0 || encodeMarker(name) !== marker || !isValid(name)) {
    throw new KmsInvalidMarkerError(
      `marker ${describeValue(marker)} was not returned by an earlier list call; pass nextMarker from the previous response.`,
      { field: 'Marker' },
    );
  }
  return name;
}

/** One page of a List* call: rows were fetched with `limit + 1` to learn whether more follow. */
export function pageOf<Row>(
  fetched: Row[],
  limit: number,
  nameOf: (row: Row) => string,
): { rows: Row[]; truncated: boolean; nextMarker?: string } {
  const rows = fetched.slice(0, limit);
  const last = rows.at(-1);
  return fetched.length > limit && last !== undefined
    ? { rows, truncated: true, nextMarker: encodeMarker(nameOf(last)) }
    : { rows, truncated: false };
}
