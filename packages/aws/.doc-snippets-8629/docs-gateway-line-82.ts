import { SQSClient } from '@aws-sdk/client-sqs';

const sqs = new SQSClient({
  endpoint: 'http://127.0.0.1:4566',
  region: 'us-east-1',
  credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local' },
});
