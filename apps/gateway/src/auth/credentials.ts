import { describeValue, InvalidParameterValueError } from '@sealbus/core';

/**
 * Parses `AKID:SECRET,AKID2:SECRET2` (the `--credentials` flag and `SEALBUS_GATEWAY_CREDENTIALS`).
 * Secrets may contain `:` (only the first one separates); access key ids must be unique.
 */
export function parseCredentials(text: string, field = 'credentials'): Map<string, string> {
  const credentials = new Map<string, string>();
  for (const item of text.split(',')) {
    const entry = item.trim();
    if (entry === '') continue;
    const colon = entry.indexOf(':');
    const accessKeyId = colon < 0 ? '' : entry.slice(0, colon);
    const secret = colon < 0 ? '' : entry.slice(colon + 1);
    if (!/^[A-Za-z0-9]{1,128}$/.test(accessKeyId) || secret === '') {
      throw new InvalidParameterValueError(
        `${field} must be a comma-separated list of ACCESS_KEY_ID:SECRET_ACCESS_KEY (key ids alphanumeric); got an entry starting ${describeValue(accessKeyId || entry.slice(0, 8))}`,
        { field },
      );
    }
    if (credentials.has(accessKeyId)) {
      throw new InvalidParameterValueError(
        `${field} lists access key id ${describeValue(accessKeyId)} twice; give each key once`,
        { field },
      );
    }
    credentials.set(accessKeyId, secret);
  }
  return credentials;
}
