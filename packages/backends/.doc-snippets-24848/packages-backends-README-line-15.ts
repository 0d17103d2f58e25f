import { createBroker } from '@sealbus/backends';

// SEALBUS_BACKEND=aws AWS_REGION=eu-west-1 switches to SQS + SNS + KMS.
const broker = await createBroker({ backend: 'sqlite', path: './.sealbus/app.db' });
const queue = await broker.createQueue('orders', { KmsMasterKeyId: 'alias/aws/sqs' });
await queue.send('hello');
await broker.close();
