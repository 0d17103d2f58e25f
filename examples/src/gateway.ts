import { CreateQueueCommand, ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { createGateway } from '@sealbus/gateway';
import { LocalKms } from '@sealbus/kms-local';
import { createMemoryBroker } from '@sealbus/memory';

const kms = new LocalKms();
const broker = createMemoryBroker({ kms });
const gateway = await createGateway({ broker, kms, port: 0 });

// Any access key works unless the gateway verifies SigV4, but the SDK needs one to sign with.
const sqs = new SQSClient({
  endpoint: gateway.url,
  region: 'us-east-1',
  credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local' },
});
await sqs.send(
  new CreateQueueCommand({ QueueName: 'orders', Attributes: { KmsMasterKeyId: 'alias/aws/sqs' } }),
);
console.log((await sqs.send(new ListQueuesCommand({}))).QueueUrls);

sqs.destroy();
await gateway.close();
await broker.close();
