import type { EngineBroker, PeekedMessage } from '@sealbus/broker-engine';
import { messageBindingOf, queueEncryptionContext } from '@sealbus/broker-engine';
import { type Clock, isSealbusError, type Logger } from '@sealbus/core';
import { EnvelopeEngine } from '@sealbus/envelope';
import type { LocalKms } from '@sealbus/kms-local';

/** How many stored messages one reveal looks through for the id, a page of 1,000 at a time. */
const MAX_SCAN = 100_000;
const PAGE = 1000;

export type RevealOutcome =
  | { kind: 'plain'; body: string }
  | { kind: 'decrypted'; body: string; keyArn: string }
  | { kind: 'denied'; keyArn: string; code: string; message: string }
  | { kind: 'notFound' };

export interface RevealDeps {
  broker: EngineBroker;
  kms: LocalKms;
  principal: string;
  /**
   * Who asked (see `SessionGuard.identity`): KMS records it with the `Decrypt` call in its audit
   * log, and the console's log line names it too.
   */
  onBehalfOf: string;
  logger: Logger;
  clock: Clock;
}

async function findMessage(
  broker: EngineBroker,
  queueName: string,
  messageId: string,
): Promise<PeekedMessage | undefined> {
  let after: string | undefined;
  for (let scanned = 0; scanned < MAX_SCAN; scanned += PAGE) {
    const page = await broker.peek(
      queueName,
      after === undefined ? { limit: PAGE } : { limit: PAGE, afterMessageId: after },
    );
    const found = page.find((message) => message.messageId === messageId);
    if (found !== undefined || page.length < PAGE) return found;
    after = page[page.length - 1]!.messageId;
  }
  return undefined;
}

/**
 * The "decrypt" action: reads one stored message without claiming it and opens its body as the
 * console principal. Sealed bodies go through KMS `Decrypt`, so the key policy decides and the
 * KMS audit log records the call on behalf of the session that asked; a fresh envelope engine per action means no cached data key
 * can open a body without that audited call.
 */
export async function revealBody(
  deps: RevealDeps,
  queueName: string,
  messageId: string,
): Promise<RevealOutcome> {
  const queue = await deps.broker.getQueue(queueName);
  const message = await findMessage(deps.broker, queue.name, messageId);
  if (message === undefined) return { kind: 'notFound' };
  const audit = {
    queue: queue.name,
    messageId,
    principal: deps.principal,
    session: deps.onBehalfOf,
  };
  if (!message.sealed) {
    deps.logger.info(audit, 'console showed a plaintext message body');
    return { kind: 'plain', body: message.plaintextBody ?? '' };
  }
  const keyArn = message.keyArn ?? '';
  // The envelope is bound to the queue that sealed it: the DLQ source for a dead-lettered message.
  const context = queueEncryptionContext(message.deadLetterQueueSourceArn ?? queue.arn);
  const envelope = new EnvelopeEngine({ keyProvider: deps.kms, clock: deps.clock });
  try {
    const plaintext = await envelope.open(message.storedBody, {
      context,
      principal: deps.principal,
      onBehalfOf: deps.onBehalfOf,
      binding: messageBindingOf(message.messageId, message.messageAttributes),
    });
    const body = Buffer.from(plaintext).toString('utf8');
    plaintext.fill(0);
    deps.logger.info({ ...audit, keyArn }, 'console decrypted a message body');
    return { kind: 'decrypted', body, keyArn };
  } catch (error) {
    if (!isSealbusError(error) || error.retryable) throw error;
    deps.logger.warn({ ...audit, keyArn, code: error.code }, 'console decrypt refused');
    return { kind: 'denied', keyArn, code: error.code, message: error.message };
  } finally {
    envelope.clear();
  }
}
