import { startGateway } from '@sealbus/gateway';
import { pino } from 'pino';

const gateway = await startGateway(
  {
    backend: 'sqlite',
    path: './.sealbus/gateway.db',
    port: 0,
    host: '127.0.0.1',
    verifySigv4: false,
    credentials: new Map(),
    help: false,
  },
  pino(),
);
console.log(gateway.url);
await gateway.stop();
