export { createMemoryBroker, type MemoryBrokerOptions } from './createMemoryBroker.js';
export { memoryBrokerModule } from './memoryBrokerModule.js';
export { MemoryMessageStore } from './store/MemoryMessageStore.js';
