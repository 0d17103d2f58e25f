import { isSealed, MIN_ENVELOPE_LENGTH } from '@sealbus/envelope';

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const MIN_BASE64_LENGTH = Math.ceil(MIN_ENVELOPE_LENGTH / 3) * 4;

/**
 * The envelope of a body that a sealbus server (the local gateway) delivered sealed: when the
 * server could not open a server-side encrypted message for this caller it sends the envelope in
 * base64, as the local backends put it in `body`. Returns undefined for every other body.
 */
export function serverSealedEnvelope(body: string): Uint8Array | undefined {
  if (body.length < MIN_BASE64_LENGTH || body.length % 4 !== 0 || !BASE64.test(body))
    return undefined;
  const bytes = new Uint8Array(Buffer.from(body, 'base64'));
  return isSealed(bytes) ? bytes : undefined;
}
