import { PayloadValidationError } from '../errors/PayloadValidationError.js';
import type { BodyFormat } from '../options/HandlerOptions.js';
import type { StandardSchemaV1 } from '../schema/StandardSchema.js';
import { validatePayload } from '../schema/validatePayload.js';
import type { Handler, SealedAwareHandler } from '../types/handler.js';
import type { OpenMessage } from '../types/message.js';
import { CONSUMED } from '../types/result.js';

export interface PayloadStageOptions<T> {
  bodyFormat: BodyFormat;
  schema?: StandardSchemaV1<unknown, T>;
}

function decode(body: string, format: BodyFormat, messageId: string): unknown {
  if (format === 'text') return body;
  try {
    return JSON.parse(body);
  } catch (error) {
    throw new PayloadValidationError(
      `Message ${messageId} has a body that is not JSON. Send JSON, or set bodyFormat: 'text' for this handler.`,
      { issues: [{ message: 'body is not valid JSON' }], cause: error },
    );
  }
}

/**
 * The innermost stage: decodes and validates the body, then calls the user's handler. An invalid
 * payload throws `PayloadValidationError` (unrecoverable) and never reaches the handler. Sealed
 * messages only get here under `sealedPolicy: 'consume'` and are passed on undecoded.
 */
export function payloadStage<T>(
  handler: SealedAwareHandler<T>,
  options: PayloadStageOptions<T>,
): Handler {
  return async (message, context) => {
    if (message.state === 'sealed') {
      const result = await handler(message, context);
      return result ?? CONSUMED;
    }
    const decoded = decode(message.body, options.bodyFormat, message.messageId);
    const payload =
      options.schema === undefined
        ? (decoded as T)
        : await validatePayload(options.schema, decoded, message.messageId);
    const open: OpenMessage<T> = { ...message, payload };
    const result = await handler(open, context);
    return result ?? CONSUMED;
  };
}
