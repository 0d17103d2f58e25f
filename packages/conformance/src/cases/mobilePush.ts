import { expect } from 'vitest';
import { openBody } from '../openBody.js';
import type { DefineCase } from '../runConformance.js';

const GCM_CREDENTIALS = { PlatformCredential: 'fcm-server-key-not-a-secret-here' };

/** SNS mobile push: platform applications, endpoints, direct publishes and application subscriptions. */
export function mobilePushCases(test: DefineCase): void {
  // CreatePlatformApplication; GetPlatformApplicationAttributes lists no credential or principal.
  test(
    'creates, reads, updates, lists and deletes a platform application; credentials never come back',
    ['topics'],
    async (c) => {
      const name = c.name('app');
      const app = await c.broker.createPlatformApplication(name, 'APNS', {
        PlatformPrincipal: 'signing-key-id',
        PlatformCredential: 'signing-key',
        EventEndpointCreated: 'arn:aws:sns:us-east-1:000000000000:events',
      });
      expect(app.arn).toMatch(new RegExp(`^arn:aws:sns:[a-z0-9-]+:\\d{12}:app/APNS/${name}$`));
      expect(app).toMatchObject({ name, platform: 'APNS' });
      const attributes = await c.broker.getPlatformApplicationAttributes(app.arn);
      expect(attributes).toMatchObject({
        EventEndpointCreated: 'arn:aws:sns:us-east-1:000000000000:events',
      });
      expect(attributes).not.toHaveProperty('PlatformCredential');
      expect(attributes).not.toHaveProperty('PlatformPrincipal');

      await c.broker.setPlatformApplicationAttributes(app.arn, { SuccessFeedbackSampleRate: '50' });
      expect(await c.broker.getPlatformApplicationAttributes(app.arn)).toMatchObject({
        SuccessFeedbackSampleRate: '50',
        EventEndpointCreated: 'arn:aws:sns:us-east-1:000000000000:events',
      });
      expect((await c.broker.listPlatformApplications()).map((a) => a.arn)).toContain(app.arn);

      const endpoint = await c.broker.createPlatformEndpoint(app.arn, c.name('device'));
      await c.broker.deletePlatformApplication(app.arn);
      expect((await c.broker.listPlatformApplications()).map((a) => a.arn)).not.toContain(app.arn);
      await expect(c.broker.getPlatformApplicationAttributes(app.arn)).rejects.toMatchObject({
        code: 'NotFound',
      });
      // Its endpoints go with it; deleting again succeeds, as DeletePlatformApplication does.
      await expect(c.broker.getEndpointAttributes(endpoint.arn)).rejects.toMatchObject({
        code: 'NotFound',
      });
      await c.broker.deletePlatformApplication(app.arn);
    },
  );

  // "You must specify PlatformPrincipal and PlatformCredential attributes"; GCM has no principal.
  test(
    'refuses an unknown platform, a missing credential and a missing principal',
    ['topics'],
    async (c) => {
      await expect(
        c.broker.createPlatformApplication(c.name('pigeon'), 'PIGEON' as 'GCM', GCM_CREDENTIALS),
      ).rejects.toMatchObject({
        code: 'InvalidParameter',
        message: expect.stringContaining('Invalid parameter: Platform'),
      });
      await expect(
        c.broker.createPlatformApplication(c.name('gcm'), 'GCM', {}),
      ).rejects.toMatchObject({
        code: 'InvalidParameter',
        message: expect.stringContaining('PlatformCredential'),
      });
      await expect(
        c.broker.createPlatformApplication(c.name('adm'), 'ADM', { PlatformCredential: 'secret' }),
      ).rejects.toMatchObject({
        code: 'InvalidParameter',
        message: expect.stringContaining('PlatformPrincipal'),
      });
      const gcm = await c.broker.createPlatformApplication(c.name('gcm'), 'GCM', GCM_CREDENTIALS);
      expect(gcm.arn).toContain(':app/GCM/');
    },
  );

  // CreatePlatformEndpoint: "idempotent, so if the requester already owns an endpoint with the
  // same device token and attributes, that endpoint's ARN is returned"; other attributes fail.
  test(
    'creates an endpoint once per token; the same token with other attributes is refused',
    ['topics'],
    async (c) => {
      const app = await c.broker.createPlatformApplication(c.name('app'), 'GCM', GCM_CREDENTIALS);
      const token = c.name('token');
      const endpoint = await c.broker.createPlatformEndpoint(app.arn, token, {
        CustomUserData: 'user 7',
      });
      expect(endpoint.arn).toMatch(
        new RegExp(`^${app.arn.replace(':app/', ':endpoint/')}/[0-9a-f-]{36}$`),
      );
      expect(await c.broker.getEndpointAttributes(endpoint.arn)).toEqual({
        Token: token,
        Enabled: 'true',
        CustomUserData: 'user 7',
      });
      const again = await c.broker.createPlatformEndpoint(app.arn, token, {
        CustomUserData: 'user 7',
      });
      expect(again.arn).toBe(endpoint.arn);
      await expect(
        c.broker.createPlatformEndpoint(app.arn, token, { CustomUserData: 'user 8' }),
      ).rejects.toMatchObject({
        code: 'InvalidParameter',
        message: expect.stringContaining(
          `Invalid parameter: Token Reason: Endpoint ${endpoint.arn} already exists with the same Token, but different attributes.`,
        ),
      });
      const other = await c.broker.createPlatformEndpoint(app.arn, c.name('token-2'));
      expect(
        (await c.broker.listEndpointsByPlatformApplication(app.arn)).map((e) => e.arn).sort(),
      ).toEqual([endpoint.arn, other.arn].sort());
      await c.broker.deleteEndpoint(other.arn);
      await c.broker.deleteEndpoint(other.arn);
      expect((await c.broker.listEndpointsByPlatformApplication(app.arn)).length).toBe(1);
      await c.broker.deletePlatformApplication(app.arn);
      await expect(
        c.broker.createPlatformEndpoint(app.arn, c.name('token-3')),
      ).rejects.toMatchObject({ code: 'NotFound' });
    },
  );

  // SetEndpointAttributes: Enabled "flag that enables/disables delivery to the endpoint";
  // Publish to a disabled endpoint fails with EndpointDisabled.
  test(
    'a disabled endpoint refuses direct publishes with EndpointDisabled until enabled again',
    ['topics'],
    async (c) => {
      const app = await c.broker.createPlatformApplication(c.name('app'), 'GCM', GCM_CREDENTIALS);
      const endpoint = await c.broker.createPlatformEndpoint(app.arn, c.name('token'));
      expect((await c.broker.publishToEndpoint(endpoint.arn, 'hello')).messageId).toMatch(/\S/);
      await expect(
        c.broker.setEndpointAttributes(endpoint.arn, { Enabled: 'maybe' }),
      ).rejects.toMatchObject({ code: 'InvalidParameter' });
      await c.broker.setEndpointAttributes(endpoint.arn, { Enabled: 'false', Token: 'new-token' });
      expect(await c.broker.getEndpointAttributes(endpoint.arn)).toMatchObject({
        Enabled: 'false',
        Token: 'new-token',
      });
      await expect(c.broker.publishToEndpoint(endpoint.arn, 'hello')).rejects.toMatchObject({
        code: 'EndpointDisabled',
      });
      await c.broker.setEndpointAttributes(endpoint.arn, { Enabled: 'true' });
      expect((await c.broker.publishToEndpoint(endpoint.arn, 'hello again')).messageId).toMatch(
        /\S/,
      );
      // Publish: MessageGroupId "applies only to FIFO topics".
      await expect(
        c.broker.publishToEndpoint(endpoint.arn, 'grouped', {
          messageGroupId: 'g',
        } as Parameters<typeof c.broker.publishToEndpoint>[2]),
      ).rejects.toMatchObject({ code: 'InvalidParameter' });
      await c.broker.deleteEndpoint(endpoint.arn);
      await expect(c.broker.publishToEndpoint(endpoint.arn, 'gone')).rejects.toMatchObject({
        code: 'NotFound',
      });
    },
  );

  // Subscribe: "For the application protocol, the endpoint is the EndpointArn of a mobile app
  // and device"; the endpoint must exist. Mobile subscriptions need no confirmation.
  test(
    'subscribes an existing platform endpoint to a topic; an unknown endpoint is refused',
    ['topics'],
    async (c) => {
      const topic = await c.broker.createTopic(c.name('pushes'));
      const app = await c.broker.createPlatformApplication(c.name('app'), 'GCM', GCM_CREDENTIALS);
      const endpoint = await c.broker.createPlatformEndpoint(app.arn, c.name('token'));
      const subscription = await topic.subscribe({
        protocol: 'application',
        endpoint: endpoint.arn,
      });
      expect(subscription).toMatchObject({
        protocol: 'application',
        endpoint: endpoint.arn,
        pendingConfirmation: false,
      });
      const missing = endpoint.arn.replace(/[^/]+$/, '00000000-0000-4000-8000-000000000000');
      await expect(
        topic.subscribe({ protocol: 'application', endpoint: missing }),
      ).rejects.toMatchObject({
        code: 'InvalidParameter',
        message: expect.stringContaining(
          `Invalid parameter: Endpoint Reason: Endpoint does not exist for endpoint arn${missing}`,
        ),
      });
      // A disabled endpoint is skipped by the fanout; the publish itself succeeds.
      await c.broker.setEndpointAttributes(endpoint.arn, { Enabled: 'false' });
      expect((await topic.publish('to every device')).messageId).toMatch(/\S/);
    },
  );

  // Publish, MessageStructure: "If you set MessageStructure to json, the value of the Message
  // parameter must … contain at least a top-level JSON key of "default" with a value that is a
  // string"; each protocol gets its own key's text, else default.
  test(
    'MessageStructure json: a queue gets the sqs text; a body without default is refused',
    ['topics'],
    async (c) => {
      const topic = await c.broker.createTopic(c.name('structured'));
      const queue = await c.broker.createQueue(c.name('structured-q'));
      await topic.subscribe(queue, { rawMessageDelivery: true });
      await expect(
        topic.publish(JSON.stringify({ sqs: 'no default' }), { messageStructure: 'json' }),
      ).rejects.toMatchObject({
        code: 'InvalidParameter',
        message: expect.stringContaining(
          'Invalid parameter: Message Structure - No default entry in JSON message body',
        ),
      });
      await topic.publish(JSON.stringify({ default: 'for all', sqs: 'for queues' }), {
        messageStructure: 'json',
      });
      await topic.publish(JSON.stringify({ default: 'for all', GCM: 'for phones' }), {
        messageStructure: 'json',
      });
      const received = await c.receiveAll(queue, 2);
      expect(received.map((m) => openBody(m)).sort()).toEqual(['for all', 'for queues']);
    },
  );
}
