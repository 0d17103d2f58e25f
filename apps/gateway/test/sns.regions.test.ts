import { randomUUID } from 'node:crypto';
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import {
  CreateTopicCommand,
  GetSubscriptionAttributesCommand,
  ListSubscriptionsByTopicCommand,
  PublishCommand,
  SNSClient,
  SubscribeCommand,
} from '@aws-sdk/client-sns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseGatewayCliOptions } from '../src/cli/options.js';
import { type RunningGateway, startGateway } from '../src/cli/startGateway.js';
import { captureLogger } from './capture.js';
import { CONSUMER, type Credentials, denyConsumerDecryptPolicy, PRODUCER } from './harness.js';
import { send, signRequest, type WireTarget } from './raw.js';
import { startWebhook, verifySnsMessage, type WebhookReceiver } from './webhookReceiver.js';

/**
 * The gateway as `sealbus gateway` starts it (memory backend, signatures verified): every
 * region's broker delivers to http/https subscriptions and records email/SMS deliveries, which
 * `GET /_sealbus/sns/recorded-deliveries` lists to signed requests only.
 */
let gateway: RunningGateway;
const log = captureLogger();
const receivers: WebhookReceiver[] = [];
const clients: Array<{ destroy(): void }> = [];
/** Planted in every published body: no log line may carry it. */
const MARKER = `body-marker-${randomUUID()}`;

beforeAll(async () => {
  const options = await parseGatewayCliOptions(
    [
      ...['--backend', 'memory', '--port', '0', '--verify-sigv4'],
      ...[
        '--credentials',
        [PRODUCER, CONSUMER].map((c) => `${c.accessKeyId}:${c.secretAccessKey}`).join(','),
      ],
      ...['--console-token', 'regions-console-token-0123'],
    ],
    {},
  );
  if (options === 'help') throw new Error('no help asked');
  gateway = await startGateway(options, log.logger);
});

afterAll(async () => {
  for (const client of clients) client.destroy();
  for (const receiver of receivers) await receiver.close();
  await gateway?.stop();
});

function sns(region: string, credentials: Credentials = PRODUCER): SNSClient {
  const client = new SNSClient({ endpoint: gateway.url, region, credentials, maxAttempts: 1 });
  clients.push(client);
  return client;
}

async function topicIn(region: string, attributes: Record<string, string> = {}): Promise<string> {
  const { TopicArn } = await sns(region).send(
    new CreateTopicCommand({
      Name: `regional-${randomUUID().slice(0, 8)}`,
      Attributes: attributes,
    }),
  );
  return TopicArn!;
}

const DELIVERIES: WireTarget = { name: 'sns-query', service: 'sns', headers: {}, body: '' };

/** `GET /_sealbus/sns/recorded-deliveries` signed with the AWS SDK's own SigV4 signer. */
async function listDeliveries(
  region: string,
  credentials: Credentials = PRODUCER,
  query = '',
): Promise<{ status: number; body: Record<string, unknown> }> {
  const signed = await signRequest(gateway.url, DELIVERIES, {
    credentials,
    region,
    method: 'GET',
    path: `/_sealbus/sns/recorded-deliveries${query}`,
  });
  const answer = await send(gateway.url, signed);
  return { status: answer.status, body: JSON.parse(answer.body) as Record<string, unknown> };
}

describe('http/https delivery in a second region', () => {
  // SNS developer guide, "Fanout to HTTP/S endpoints": the endpoint receives a
  // SubscriptionConfirmation, visits SubscribeURL, then receives signed notifications; the
  // links point at the topic's own region (sns.<region>.amazonaws.com on AWS).
  it('confirms, delivers signed notifications and unsubscribes through its own region', async () => {
    const receiver = await startWebhook();
    receivers.push(receiver);
    const topicArn = await topicIn('eu-west-1');
    expect(topicArn.split(':')[3]).toBe('eu-west-1');
    const client = sns('eu-west-1');
    await client.send(
      new SubscribeCommand({ TopicArn: topicArn, Protocol: 'http', Endpoint: receiver.url }),
    );
    const confirmation = JSON.parse((await receiver.nth(1)).body) as Record<string, string>;
    expect(confirmation.Type).toBe('SubscriptionConfirmation');
    expect(confirmation.TopicArn).toBe(topicArn);
    expect(await verifySnsMessage(confirmation)).toBe(true);
    // Opened without credentials, as a browser would; it reaches the eu-west-1 broker.
    const confirmed = await fetch(confirmation.SubscribeURL!);
    expect(confirmed.status).toBe(200);
    const arn = /<SubscriptionArn>([^<]+)<\/SubscriptionArn>/.exec(await confirmed.text())![1]!;
    expect(arn.startsWith(`${topicArn}:`)).toBe(true);
    const attributes = (
      await client.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: arn }))
    ).Attributes!;
    expect(attributes.PendingConfirmation).toBe('false');

    await client.send(new PublishCommand({ TopicArn: topicArn, Message: MARKER }));
    const notification = JSON.parse((await receiver.nth(2)).body) as Record<string, string>;
    expect(notification).toMatchObject({
      Type: 'Notification',
      TopicArn: topicArn,
      Message: MARKER,
    });
    expect(await verifySnsMessage(notification)).toBe(true);

    const left = await fetch(notification.UnsubscribeURL!);
    expect(left.status).toBe(200);
    const listed = await client.send(new ListSubscriptionsByTopicCommand({ TopicArn: topicArn }));
    expect(listed.Subscriptions).toEqual([]);
  });
});

describe('GET /_sealbus/sns/recorded-deliveries', () => {
  it('lists the signed region deliveries only, each naming its region', async () => {
    const topicArn = await topicIn('eu-west-2');
    await sns('eu-west-2').send(
      new SubscribeCommand({ TopicArn: topicArn, Protocol: 'sms', Endpoint: '+447700900124' }),
    );
    await sns('eu-west-2').send(
      new PublishCommand({ TopicArn: topicArn, Message: `${MARKER} sms` }),
    );

    const listed = await listDeliveries('eu-west-2');
    expect(listed.status).toBe(200);
    expect(listed.body).toMatchObject({
      region: 'eu-west-2',
      deliveries: [
        {
          region: 'eu-west-2',
          protocol: 'sms',
          endpoint: '+447700900124',
          topicArn,
          kind: 'Notification',
          body: `${MARKER} sms`,
        },
      ],
    });
    // Another region's listing does not carry it: deliveries are per region broker.
    const other = await listDeliveries('us-east-1');
    expect(JSON.stringify(other.body)).not.toContain(MARKER);
    const filtered = await listDeliveries('eu-west-2', PRODUCER, '?endpoint=%2B15550000000');
    expect(filtered.body).toEqual({ region: 'eu-west-2', deliveries: [] });
  });

  it("a recorded email confirmation's SubscribeURL confirms in its own region", async () => {
    const topicArn = await topicIn('eu-west-2');
    await sns('eu-west-2').send(
      new SubscribeCommand({ TopicArn: topicArn, Protocol: 'email', Endpoint: 'ward@example.org' }),
    );
    const listed = await listDeliveries('eu-west-2', PRODUCER, '?endpoint=ward%40example.org');
    const [confirmation] = listed.body.deliveries as Array<{ kind: string; body: string }>;
    expect(confirmation?.kind).toBe('SubscriptionConfirmation');
    const { SubscribeURL } = JSON.parse(confirmation!.body) as { SubscribeURL: string };
    expect(SubscribeURL.startsWith(gateway.url)).toBe(true);
    expect((await fetch(SubscribeURL)).status).toBe(200);
    const subscriptions = await sns('eu-west-2').send(
      new ListSubscriptionsByTopicCommand({ TopicArn: topicArn }),
    );
    expect(subscriptions.Subscriptions?.[0]?.SubscriptionArn?.startsWith(`${topicArn}:`)).toBe(
      true,
    );
  });

  it('withholds the body of an encrypted topic from a principal its key policy denies kms:Decrypt', async () => {
    const kms = new KMSClient({
      endpoint: gateway.url,
      region: 'us-east-1',
      credentials: PRODUCER,
      maxAttempts: 1,
    });
    clients.push(kms);
    const { KeyMetadata } = await kms.send(
      new CreateKeyCommand({ Policy: denyConsumerDecryptPolicy() }),
    );
    const topicArn = await topicIn('ap-south-1', { KmsMasterKeyId: KeyMetadata!.KeyId! });
    await sns('ap-south-1').send(
      new SubscribeCommand({ TopicArn: topicArn, Protocol: 'sms', Endpoint: '+919800000001' }),
    );
    await sns('ap-south-1').send(
      new PublishCommand({ TopicArn: topicArn, Message: `${MARKER} sealed` }),
    );

    const allowed = await listDeliveries('ap-south-1', PRODUCER);
    expect(allowed.body).toMatchObject({ deliveries: [{ body: `${MARKER} sealed` }] });
    const denied = await listDeliveries('ap-south-1', CONSUMER);
    expect(denied.status).toBe(200);
    expect(JSON.stringify(denied.body)).not.toContain(MARKER);
    expect(denied.body).toMatchObject({
      deliveries: [
        {
          protocol: 'sms',
          endpoint: '+919800000001',
          withheld: { code: 'KMS.AccessDeniedException' },
        },
      ],
    });
  });

  // Common Errors of the SNS API reference: MissingAuthenticationToken, IncompleteSignature,
  // InvalidClientTokenId and SignatureDoesNotMatch refuse a request before it runs.
  it('refuses unsigned, garbage-signed, unknown-key and wrong-secret requests, revealing nothing', async () => {
    const path = '/_sealbus/sns/recorded-deliveries';
    const refusals = [
      await send(gateway.url, { method: 'GET', path, headers: {}, body: '' }),
      await send(gateway.url, {
        method: 'GET',
        path,
        headers: { authorization: 'garbage', 'x-amz-date': '20260101T000000Z' },
        body: '',
      }),
      await send(
        gateway.url,
        await signRequest(gateway.url, DELIVERIES, {
          credentials: { accessKeyId: 'AKIDUNKNOWN', secretAccessKey: 'x' },
          region: 'eu-west-2',
          method: 'GET',
          path,
        }),
      ),
      await send(
        gateway.url,
        await signRequest(gateway.url, DELIVERIES, {
          credentials: { ...PRODUCER, secretAccessKey: 'not-the-secret' },
          region: 'eu-west-2',
          method: 'GET',
          path,
        }),
      ),
    ];
    expect(refusals.map((r) => [r.status, JSON.parse(r.body).__type])).toEqual([
      [403, 'MissingAuthenticationToken'],
      [400, 'IncompleteSignature'],
      [403, 'InvalidClientTokenId'],
      [403, 'SignatureDoesNotMatch'],
    ]);
    for (const refusal of refusals) expect(refusal.body).not.toContain(MARKER);
    expect(JSON.parse(refusals[0]!.body).message).toBe(
      'The request must contain either a valid (registered) AWS access key ID or X.509 certificate.',
    );
    expect(JSON.parse(refusals[3]!.body).message).toMatch(
      /^The request signature we calculated does not match the signature you provided\./,
    );
  });

  it("the gateway's console lists every open region's deliveries, behind its access token", async () => {
    const url = `${gateway.url}/console/deliveries`;
    expect((await fetch(url)).status).toBe(401);
    const page = await (
      await fetch(url, { headers: { authorization: 'Bearer regions-console-token-0123' } })
    ).text();
    expect(page).toMatch(/<td>eu-west-2<\/td>\s*<td>sms<\/td>\s*<td><code>\+447700900124</);
    expect(page).toMatch(/<td>ap-south-1<\/td>\s*<td>sms<\/td>/);
  });

  it('no log line carries a recorded body', () => {
    expect(log.lines.length).toBeGreaterThan(0);
    expect(log.lines.some((line) => line.includes('recorded deliveries listed'))).toBe(true);
    expect(log.lines.filter((line) => line.includes(MARKER))).toEqual([]);
  });
});
