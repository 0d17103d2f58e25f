import { awsBrokerModule } from '@sealbus/aws/inversify';
import { type Broker, TOKENS } from '@sealbus/core';
import { Container } from 'inversify';

const container = new Container();
container.load(awsBrokerModule({ region: 'eu-west-1' }));
const broker: Broker = container.get(TOKENS.Broker);
