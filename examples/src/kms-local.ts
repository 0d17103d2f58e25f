import { mkdirSync } from 'node:fs';
import { LocalKms } from '@sealbus/kms-local';

const queueArn = 'arn:aws:sqs:us-east-1:000000000000:orders';

const kms = new LocalKms(); // in memory
mkdirSync('.sealbus', { recursive: true });
// Synchronous; the root key goes next to the file, in .sealbus/kms.db.root-key (mode 0600).
const durable = LocalKms.openSqlite({ path: '.sealbus/kms.db' });

const { keyId } = await kms.createKey({ description: 'orders' });
await kms.createAlias('alias/orders', keyId);
const dataKey = await kms.generateDataKey({
  keyId: 'alias/orders',
  context: { 'aws:sqs:arn': queueArn },
});
const { plaintext } = await kms.decrypt({
  ciphertextBlob: dataKey.ciphertextBlob,
  context: { 'aws:sqs:arn': queueArn },
});
console.log(`a ${plaintext.byteLength}-byte data key under ${dataKey.keyArn}`);

await durable.createKey({ description: 'kept in .sealbus/kms.db across runs' });
console.log(`${(await durable.listKeys()).keys.length} keys in .sealbus/kms.db`);
await kms.close();
await durable.close();
