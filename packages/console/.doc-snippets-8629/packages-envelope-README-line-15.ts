import { EnvelopeEngine } from '@sealbus/envelope';
import { LocalKms } from '@sealbus/kms-local';

const kms = new LocalKms();
const key = await kms.createKey({ description: 'orders' });
const engine = new EnvelopeEngine({ keyProvider: kms });
const context = { 'aws:sqs:arn': 'arn:aws:sqs:us-east-1:000000000000:orders' };

const sealed = await engine.seal('{"id":1}', { keyId: key.keyId, context });
const opened = await engine.open(sealed, { context });
console.log(new TextDecoder().decode(opened)); // {"id":1}
