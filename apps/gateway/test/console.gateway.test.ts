import { createServer } from 'node:http';
import { CreateQueueCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { createConsole, listenHttpServer } from '@sealbus/console';
import { LocalKms } from '@sealbus/kms-local';
import { createMemoryBroker } from '@sealbus/memory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway } from '../src/index.js';
import { captureLogger } from './capture.js';
import { CONSUMER, type Harness, startHarness } from './harness.js';
import { send, signRequest, TARGETS } from './raw.js';

const TOKEN = 'console-token-for-the-gateway';

describe('the console the gateway serves obeys the gateway', () => {
  it('refuses to start an open console when verifying signatures or beyond loopback', async () => {
    const kms = new LocalKms();
    const broker = createMemoryBroker({ kms });
    const open = createConsole({ broker, kms });
    await expect(
      createGateway({
        broker,
        kms,
        port: 0,
        verifySigv4: true,
        credentials: { AKID: 's' },
        console: open,
      }),
    ).rejects.toThrow(/verifies SigV4 signatures, so the web console needs an access token/);
    await expect(
      createGateway({ broker, kms, port: 0, host: '0.0.0.0', console: open }),
    ).rejects.toThrow(
      /host "0\.0\.0\.0" is not a loopback address, so the web console needs an access token/,
    );
    await broker.close();
  });

  it('without a token, answers loopback connections only: a Host header cannot fake one', async () => {
    const kms = new LocalKms();
    const broker = createMemoryBroker({ kms });
    const handler = createConsole({ broker, kms });
    // The connection is what counts: this server makes it look as if it came from elsewhere.
    let remote: string | undefined;
    const server = createServer((req, res) => {
      if (remote !== undefined)
        Object.defineProperty(req.socket, 'remoteAddress', { value: remote });
      handler.handle(req, res);
    });
    const listening = await listenHttpServer(server, 0, '127.0.0.1');
    try {
      const page = () => fetch(`${listening.origin}/console/queues`);
      expect((await page()).status).toBe(200);
      remote = '192.0.2.7';
      const refused = await page();
      expect(refused.status).toBe(403);
      expect(await refused.text()).toContain('answers only on loopback');
    } finally {
      await listening.close();
      await broker.close();
    }
  });

  describe('decrypt through the gateway console', () => {
    let h: Harness;
    const capture = captureLogger();
    beforeAll(async () => {
      const kms = new LocalKms();
      const broker = createMemoryBroker({ kms });
      h = await startHarness({
        kms,
        broker,
        gateway: {
          console: createConsole({ broker, kms, accessToken: TOKEN, logger: capture.logger }),
        },
      });
    });
    afterAll(() => h.close());

    it('is audited with the signed-in session, and the KMS audit log has the Decrypt', async () => {
      const sqs = h.sqs();
      const { QueueUrl } = await sqs.send(
        new CreateQueueCommand({
          QueueName: 'audited',
          Attributes: { KmsMasterKeyId: 'alias/aws/sqs' },
        }),
      );
      const { MessageId } = await sqs.send(
        new SendMessageCommand({ QueueUrl, MessageBody: 'ward 7' }),
      );
      const base = `${h.gateway.url}/console`;

      // Without a session (so without its CSRF token) the decrypt action is refused outright.
      const anonymous = await fetch(`${base}/queues/audited/messages/${MessageId}/body`, {
        method: 'POST',
      });
      expect(anonymous.status).toBe(403);
      expect(await anonymous.text()).toBe(
        'Missing or invalid CSRF token: reload the console page and try again.',
      );

      const loginPage = await fetch(`${base}/login`);
      const sessionCookie = loginPage.headers.get('set-cookie')!.split(';')[0]!;
      const csrf = /name="_csrf" value="([^"]+)"/.exec(await loginPage.text())![1]!;
      const signedIn = await fetch(`${base}/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie: sessionCookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          _csrf: csrf,
          token: TOKEN,
          next: '/console/queues',
        }).toString(),
      });
      expect(signedIn.status).toBe(303);
      const authCookie = signedIn.headers.get('set-cookie')!.split(';')[0]!;

      const revealed = await fetch(`${base}/queues/audited/messages/${MessageId}/body`, {
        method: 'POST',
        headers: {
          cookie: `${sessionCookie}; ${authCookie}`,
          'x-csrf-token': csrf,
          'hx-request': 'true',
        },
      });
      expect(revealed.status).toBe(200);
      expect(await revealed.text()).toContain('ward 7');

      const audit = capture.lines
        .map((line) => JSON.parse(line) as Record<string, unknown>)
        .find((line) => line.msg === 'console decrypted a message body');
      expect(audit).toMatchObject({
        queue: 'audited',
        messageId: MessageId,
        principal: 'sealbus-console',
        session: expect.stringMatching(/^session:[A-Za-z0-9_-]{16}$/),
      });
      // The session id itself (the cookie value) is not what the log carries.
      expect(JSON.stringify(audit)).not.toContain(sessionCookie.split('=')[1]);
      // KMS itself records whom the console principal acted for: the same session identity.
      const decrypts = await h.kms.auditLog({ operation: 'Decrypt', limit: 10 });
      expect(decrypts.at(-1)).toMatchObject({
        principal: 'sealbus-console',
        onBehalfOf: audit!['session'],
        result: 'ok',
      });
    });

    it('records no onBehalfOf for a KMS Decrypt over the wire, even one that sends the member', async () => {
      // A wire client cannot pass its calls off as a console session's: the member is no part
      // of the KMS API, and the gateway maps the members it knows only.
      const { ciphertextBlob } = await h.kms.generateDataKey({
        keyId: 'alias/aws/sqs',
        context: {},
      });
      const kmsJson = TARGETS.find((target) => target.name === 'kms-json')!;
      const signed = await signRequest(h.gateway.url, kmsJson, {
        credentials: CONSUMER,
        headers: { 'x-amz-target': 'TrentService.Decrypt' },
        body: JSON.stringify({
          CiphertextBlob: Buffer.from(ciphertextBlob).toString('base64'),
          OnBehalfOf: 'session:forgedforgedforg',
          onBehalfOf: 'session:forgedforgedforg',
        }),
      });
      const response = await send(h.gateway.url, signed);
      expect(response.status).toBe(200);
      const [entry] = await h.kms.auditLog({ operation: 'Decrypt', limit: 1 });
      expect(entry).toMatchObject({ principal: CONSUMER.accessKeyId, result: 'ok' });
      expect(entry).not.toHaveProperty('onBehalfOf');
    });
  });
});
