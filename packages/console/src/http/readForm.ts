import type { IncomingMessage } from 'node:http';
import { InvalidParameterValueError } from '@sealbus/core';

/** Console forms carry ids and tokens only. */
export const MAX_FORM_BYTES = 16 * 1024;

/** Reads an `application/x-www-form-urlencoded` body (other types read as empty). */
export async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_FORM_BYTES) {
      throw new InvalidParameterValueError(
        `the form body is larger than ${MAX_FORM_BYTES} bytes; console forms carry only ids and tokens`,
        { field: 'body' },
      );
    }
    chunks.push(chunk as Buffer);
  }
  if (type !== 'application/x-www-form-urlencoded') return new URLSearchParams();
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}
