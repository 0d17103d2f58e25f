export { createMemoryBroker, type MemoryBrokerOptions } from './createMemoryBroker.js';
export { MemoryMessageStore } from './store/MemoryMessageStore.js';
