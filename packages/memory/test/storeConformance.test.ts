import { runStoreConformance } from '@sealbus/conformance';
import { MemoryMessageStore } from '../src/index.js';

runStoreConformance('memory', async () => ({ store: new MemoryMessageStore() }), {
  persistent: false,
});
