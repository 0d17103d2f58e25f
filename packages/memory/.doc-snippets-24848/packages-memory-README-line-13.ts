import { systemClock } from '@sealbus/core';
import { LocalKms } from '@sealbus/kms-local';
import { createMemoryBroker } from '@sealbus/memory';
import { memoryBrokerModule } from '@sealbus/memory/inversify';
import { Container } from 'inversify';

const kms = new LocalKms();
const clock = systemClock; // tests pass a manual clock
const container = new Container();

const broker = createMemoryBroker({ kms, clock }); // both optional
container.load(memoryBrokerModule({ region: 'eu-west-1' })); // binds TOKENS.Broker and TOKENS.KeyProvider
