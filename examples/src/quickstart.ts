import { createBroker } from '@sealbus/backends';

// SEALBUS_BACKEND, SEALBUS_SQLITE_PATH, AWS_REGION and AWS_ENDPOINT_URL fill what is not given.
const broker = await createBroker({ backend: 'sqlite', path: './.sealbus/sealbus.db' });
const queue = await broker.createQueue('billing', { KmsMasterKeyId: 'alias/aws/sqs' });
await queue.send(JSON.stringify({ invoice: 42 }));
const [message] = await queue.receive({ maxMessages: 1 });
if (message?.state === 'open') {
  console.log(message.body); // decrypted for a principal allowed kms:Decrypt
  await queue.delete(message.receiptHandle);
}
await broker.close();
