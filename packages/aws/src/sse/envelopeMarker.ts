import {
  describeValue,
  type EncryptionContext,
  InvalidMessageContentsError,
  type MessageAttributes,
} from '@sealbus/core';
import { ENVELOPE_VERSION } from '@sealbus/envelope';

/**
 * The message attribute that marks a body sealed on the client: the body is the base64 of an
 * envelope, and the attribute names the envelope version and the encryption context it was
 * sealed with, so any consumer (whatever queue the message was moved to) can open it.
 */
export const ENVELOPE_ATTRIBUTE = 'sealbus.envelope';

export interface EnvelopeMarker {
  version: number;
  context: EncryptionContext;
}

export function envelopeMarkerAttribute(context: EncryptionContext): MessageAttributes[string] {
  return {
    dataType: 'String',
    stringValue: JSON.stringify({ version: ENVELOPE_VERSION, context }),
  };
}

/** The marker of a received message, or undefined when the body was not sealed by sealbus. */
export function readEnvelopeMarker(text: string | undefined): EnvelopeMarker | undefined {
  if (text === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const marker = parsed as Partial<EnvelopeMarker> | undefined;
  const context = marker?.context;
  if (
    typeof marker?.version !== 'number' ||
    typeof context !== 'object' ||
    context === null ||
    !Object.values(context).every((value) => typeof value === 'string')
  ) {
    throw new InvalidMessageContentsError(
      `Message attribute ${ENVELOPE_ATTRIBUTE} must be {"version":<n>,"context":{...}} as sealbus writes it; got ${describeValue(text)}. Do not set this attribute yourself`,
      { field: `MessageAttributes.${ENVELOPE_ATTRIBUTE}` },
    );
  }
  return { version: marker.version, context };
}
