import { InvalidParameterError, type PublishOptions } from '@sealbus/core';

/**
 * The text one protocol receives of a publish. With `MessageStructure=json` the message is a
 * JSON object: the protocol's own key (`sqs`, `http`, `email`, `GCM`, `APNS`, …) if present,
 * else `default`, which must be there ("contain at least a top-level JSON key of default with
 * a value that is a string", Publish API reference). Without it, every protocol gets the body.
 */
export function textFor(key: string, body: string, options: PublishOptions): string {
  if (options.messageStructure !== 'json') return body;
  const texts = structuredTexts(body);
  const own = texts[key];
  return typeof own === 'string' ? own : (texts.default as string);
}

/** Parses and checks a `MessageStructure=json` body; throws SNS's errors. */
export function checkMessageStructure(body: string, options: PublishOptions): void {
  const structure: unknown = options.messageStructure;
  if (structure === undefined) return;
  if (structure !== 'json') {
    throw new InvalidParameterError(
      `Invalid parameter: MessageStructure Reason: must be json when set; got ${String(structure).slice(0, 64)}`,
      { field: 'MessageStructure' },
    );
  }
  structuredTexts(body);
}

function structuredTexts(body: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (cause) {
    throw new InvalidParameterError(
      'Invalid parameter: Message Structure - JSON message body failed to parse',
      { field: 'Message', cause },
    );
  }
  const texts = (
    typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? parsed : {}
  ) as Record<string, unknown>;
  if (typeof texts.default !== 'string') {
    throw new InvalidParameterError(
      'Invalid parameter: Message Structure - No default entry in JSON message body',
      { field: 'Message' },
    );
  }
  return texts;
}
