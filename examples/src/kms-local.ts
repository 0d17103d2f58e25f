import { createPublicKey, verify } from 'node:crypto';
import { LocalKms } from '@sealbus/kms-local';
import { openSqliteKms } from '@sealbus/kms-local/sqlite'; // needs better-sqlite3

const queueArn = 'arn:aws:sqs:us-east-1:000000000000:orders';

const kms = new LocalKms(); // in memory
// Synchronous; creates .sealbus/ (0700) and the root key next to the file,
// in .sealbus/kms.db.root-key (mode 0600).
const durable = openSqliteKms({ path: '.sealbus/kms.db' });

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

// Signing keys: the private key never leaves the KMS; verifiers need only the public key.
const signer = await kms.createKey({ keySpec: 'ECC_NIST_P256', keyUsage: 'SIGN_VERIFY' });
const message = new TextEncoder().encode('e-prescription');
const { signature } = await kms.sign({
  keyId: signer.keyId,
  message,
  signingAlgorithm: 'ECDSA_SHA_256',
});
const { publicKey } = await kms.getPublicKey(signer.keyId); // DER SubjectPublicKeyInfo
const verifier = createPublicKey({ key: Buffer.from(publicKey), format: 'der', type: 'spki' });
console.log(
  `signature verified with the public key: ${verify('sha256', message, verifier, signature)}`,
);

await durable.createKey({ description: 'kept in .sealbus/kms.db across runs' });
console.log(`${(await durable.listKeys()).keys.length} keys in .sealbus/kms.db`);
await kms.close();
await durable.close();
