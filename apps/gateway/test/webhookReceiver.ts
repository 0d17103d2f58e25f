import { execFileSync } from 'node:child_process';
import { createVerify } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ReceivedPost {
  headers: IncomingMessage['headers'];
  body: string;
}

/** A local webhook: records every POST and answers with the status `respond` picks. */
export interface WebhookReceiver {
  readonly url: string;
  readonly posts: ReceivedPost[];
  /** The status of the next answers (200 unless set). */
  respond: (post: ReceivedPost) => number;
  /** Resolves with the `count`-th post (1-based) once it has arrived. */
  nth(count: number): Promise<ReceivedPost>;
  close(): Promise<void>;
}

export async function startWebhook(tls?: { key: string; cert: string }): Promise<WebhookReceiver> {
  const posts: ReceivedPost[] = [];
  const waiters: Array<() => void> = [];
  const receiver: WebhookReceiver = {
    url: '',
    posts,
    respond: () => 200,
    nth(count) {
      return new Promise((resolve) => {
        const check = () => {
          if (posts.length >= count) resolve(posts[count - 1]!);
          else waiters.push(check);
        };
        check();
      });
    },
    close: async () => {},
  };
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const post = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      posts.push(post);
      res.writeHead(receiver.respond(post)).end();
      for (const waiter of waiters.splice(0)) waiter();
    });
  };
  const server = tls === undefined ? createHttpServer(handler) : createHttpsServer(tls, handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(receiver, {
    url: `${tls === undefined ? 'http' : 'https'}://127.0.0.1:${port}/hook`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}

/** A self-signed key and certificate for 127.0.0.1, made with openssl. */
export function selfSignedTls(): { key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), 'webhook-tls-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    return {
      key: readFileSync(join(dir, 'key.pem'), 'utf8'),
      cert: readFileSync(join(dir, 'cert.pem'), 'utf8'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Verifies an SNS message the way the SNS developer guide tells receivers to ("Verifying the
 * signatures of Amazon SNS messages"): fetch SigningCertURL, build the canonical string from
 * the listed keys in order, check the signature with SHA1withRSA (version 1) or SHA256withRSA (2).
 * Written here independently of the gateway's signer, so a shared mistake cannot pass.
 */
export async function verifySnsMessage(message: Record<string, string>): Promise<boolean> {
  const keys =
    message.Type === 'Notification'
      ? ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type']
      : ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'];
  const canonical = keys
    .filter((key) => message[key] !== undefined)
    .map((key) => `${key}\n${message[key]}\n`)
    .join('');
  const certificate = await (await fetch(message.SigningCertURL!)).text();
  const algorithm = message.SignatureVersion === '2' ? 'RSA-SHA256' : 'RSA-SHA1';
  return createVerify(algorithm)
    .update(canonical, 'utf8')
    .verify(certificate, message.Signature!, 'base64');
}
