import { revealBody } from '../data/revealBody.js';
import { sendHtml } from '../http/respond.js';
import { type ConsolePage, route } from '../http/routes.js';
import type { SafeHtml } from '../views/html.js';
import { notice } from '../views/layout.js';
import { deniedBody, messagePage, revealedBody } from '../views/queueDetailPage.js';
import type { PageRequest } from './PageRequest.js';

async function reveal(request: PageRequest, queueName: string, messageId: string): Promise<void> {
  const { res, page, htmx, config, sessions, req, session } = request;
  const outcome = await revealBody(
    { ...config, onBehalfOf: sessions.identity(req, session) },
    queueName,
    messageId,
  );
  let status = 200;
  let fragment: SafeHtml;
  switch (outcome.kind) {
    case 'notFound':
      status = 404;
      fragment = notice(
        'error',
        `Message ${messageId} is no longer stored in ${queueName}: it was received and deleted, moved or expired.`,
      );
      break;
    case 'denied':
      status = 403;
      fragment = deniedBody(outcome.code, outcome.message);
      break;
    case 'plain':
      fragment = revealedBody(outcome.body, 'Stored in the clear (no SSE when it was sent).');
      break;
    default:
      fragment = revealedBody(
        outcome.body,
        `Decrypted by ${config.principal}; the KMS audit log records the Decrypt call.`,
      );
  }
  if (htmx) {
    sendHtml(res, status, fragment);
    return;
  }
  sendHtml(res, status, messagePage(page, queueName, messageId, fragment));
}

/**
 * The "decrypt" action on one stored message: KMS `Decrypt` as the console principal, audited
 * in the KMS audit log on behalf of the signed-in session.
 */
export const revealBodyPage = {
  name: 'message body',
  routes: [
    route('POST', 'queues/:queue/messages/:messageId/body', (request, { queue, messageId }) =>
      reveal(request, queue, messageId),
    ),
  ],
} satisfies ConsolePage;
