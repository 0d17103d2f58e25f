import { LocalKms } from '@sealbus/kms-local';
import { createMemoryBroker } from '@sealbus/memory';
import type { EmrConfig } from '../config.js';
import { LocalKeyAdmin } from '../scenario/LocalKeyAdmin.js';
import type { Backend } from './Backend.js';

export function openMemoryBackend(config: EmrConfig): Backend {
  const kms = new LocalKms({ region: config.region });
  const broker = createMemoryBroker({ kms, region: config.region });
  return {
    broker,
    brokerFor: () => broker,
    keys: new LocalKeyAdmin(kms),
    description: 'memory (local KMS in memory)',
    close: async () => {
      await broker.close();
      await kms.close();
    },
  };
}
