import { checkOptionKeys } from '@sealbus/core';
import { checkOneOf } from '../options/checks.js';
import { SEALED_POLICIES, type SealedPolicy } from '../options/HandlerOptions.js';
import { DECRYPT_OPTION_KEYS } from '../options/optionKeys.js';
import type { Middleware } from '../types/handler.js';
import type { SealedMessage } from '../types/message.js';

export interface DecryptOptions {
  /** @defaultValue 'fail' */
  policy?: SealedPolicy;
  onSealed?: (message: SealedMessage, policy: SealedPolicy) => void;
}

/**
 * Applies the sealed-message policy. The broker already tried to decrypt with the consumer's
 * principal; a message it could not open arrives in `state: 'sealed'` with its envelope.
 * - `fail`: an `error` result — the message stays in the queue, sealed, until redrive moves it.
 * - `discard`: deleted, as a `discarded` result that the logging middleware audits.
 * - `consume`: passed on; the handler gets the envelope and key ARN.
 * The worker never re-publishes a sealed message, so the DLQ receives the original bytes.
 */
export function decrypt(options: DecryptOptions = {}): Middleware {
  checkOptionKeys(options, DECRYPT_OPTION_KEYS);
  const policy = checkOneOf('sealedPolicy', options.policy ?? 'fail', SEALED_POLICIES);
  return (next) => async (message, context) => {
    if (message.state === 'open') return next(message, context);
    options.onSealed?.(message, policy);
    const reason = `sealed: ${message.reason} for key ${message.keyArn}`;
    if (policy === 'fail') return { status: 'error', errorReason: reason };
    if (policy === 'discard') return { status: 'discarded', reason };
    return next(message, context);
  };
}
