import { createAwsBroker } from '@sealbus/aws';

// Region and credentials as the AWS SDK finds them; endpoint for a local gateway.
const broker = createAwsBroker({ region: 'eu-west-1', endpoint: 'http://127.0.0.1:4566' });
const queue = await broker.createQueue('orders', { KmsMasterKeyId: 'alias/aws/sqs' });
await queue.send('hello');
await broker.close();
