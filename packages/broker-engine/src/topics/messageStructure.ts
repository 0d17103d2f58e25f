import { InvalidParameterError, type PublishOptions } from '@sealbus/core';

/** The text each protocol (`sqs`, `http`, `email`, `GCM`, `APNS`, …) receives of one publish. */
export type TextFor = (key: string) => string;

/**
 * Checks a publish's `MessageStructure` and returns who gets which text. With `json` the message
 * is a JSON object: each protocol gets its own key's text if present, else `default`, which must
 * be there ("contain at least a top-level JSON key of default with a value that is a string",
 * Publish API reference). Without it, every protocol gets the body. Parsed once per publish.
 */
export function messageTexts(body: string, options: PublishOptions): TextFor {
  const structure: unknown = options.messageStructure;
  if (structure === undefined) return () => body;
  if (structure !== 'json') {
    throw new InvalidParameterError(
      `Invalid parameter: MessageStructure Reason: must be json when set; got ${String(structure).slice(0, 64)}`,
      { field: 'MessageStructure' },
    );
  }
  const texts = structuredTexts(body);
  return (key) => {
    const own = Object.hasOwn(texts, key) ? texts[key] : undefined;
    return typeof own === 'string' ? own : (texts.default as string);
  };
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
