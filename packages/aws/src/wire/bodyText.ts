import { describeValue, InvalidMessageContentsError } from '@sealbus/core';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** SQS bodies are text: a byte body must be valid UTF-8. */
export function bodyText(body: string | Uint8Array, field: string): string {
  if (typeof body === 'string') return body;
  try {
    return strictUtf8.decode(body);
  } catch {
    throw new InvalidMessageContentsError(
      `${field} must be UTF-8 text; got ${describeValue(body)} that do not decode. Send binary data base64-encoded or as a Binary message attribute`,
      { field },
    );
  }
}
