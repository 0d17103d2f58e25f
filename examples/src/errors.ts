import { isSealbusError } from '@sealbus/core';
import { LocalKms } from '@sealbus/kms-local';
import { createMemoryBroker } from '@sealbus/memory';

const kms = new LocalKms();
const broker = createMemoryBroker({ kms });
const { keyId } = await kms.createKey({ description: 'billing' });
const queue = await broker.createQueue('billing', { KmsMasterKeyId: keyId });
await kms.disableKey(keyId);

try {
  await queue.send(JSON.stringify({ patientId: 'p-1' }));
} catch (error) {
  if (!isSealbusError(error, 'KMS.DisabledException')) throw error;
  // The queue's key is disabled: enable it or point the queue at another key.
  console.log(`send refused: ${error.code}`);
} finally {
  await broker.close();
}
