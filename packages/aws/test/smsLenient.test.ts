import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createAwsBroker } from '../src/createAwsBroker.js';

/**
 * A small SNS Query server shaped like another AWS implementation: GetSMSAttributes reports a
 * name sealbus does not know beside the known ones. It records every action it is sent.
 */
function fakeSns(): { server: Server; actions: string[] } {
  const actions: string[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8');
    });
    req.on('end', () => {
      const action = new URLSearchParams(body).get('Action') ?? '';
      actions.push(action);
      const result =
        action === 'GetSMSAttributes'
          ? `<attributes>
               <entry><key>DefaultSMSType</key><value>Transactional</value></entry>
               <entry><key>AccountTier</key><value>Sandbox</value></entry>
             </attributes>`
          : '';
      res.writeHead(200, { 'content-type': 'text/xml' });
      res.end(
        `<${action}Response xmlns="http://sns.amazonaws.com/doc/2010-03-31/">
           <${action}Result>${result}</${action}Result>
           <ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata>
         </${action}Response>`,
      );
    });
  });
  return { server, actions };
}

let fake: ReturnType<typeof fakeSns>;
let endpoint: string;
beforeAll(async () => {
  fake = fakeSns();
  await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => fake.server.close(() => resolve())));

it('reads SMS attributes leniently and validates what it writes before any request', async () => {
  const broker = createAwsBroker({
    region: 'us-east-1',
    endpoint,
    credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' },
  });
  // An attribute name this version does not know is dropped, not refused.
  expect(await broker.getSmsAttributes()).toEqual({ DefaultSMSType: 'Transactional' });
  await expect(broker.setSmsAttributes({ DefaultSMSType: 'Urgent' })).rejects.toMatchObject({
    code: 'InvalidParameter',
  });
  await expect(broker.publishSms('not-a-number', 'hi')).rejects.toMatchObject({
    code: 'InvalidParameter',
    message: 'Invalid parameter: PhoneNumber Reason: not-a-number is not valid to publish to',
  });
  // The refused calls never reached the server.
  expect(fake.actions).toEqual(['GetSMSAttributes']);
  await broker.close();
});
