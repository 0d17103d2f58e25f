import { createServer } from 'node:http';
import { createBroker } from '@sealbus/backends';
import { createLogger, PromMetricsSink } from '@sealbus/cli';
import { collectDefaultMetrics, Registry } from 'prom-client';

const registry = new Registry();
collectDefaultMetrics({ register: registry });
const metrics = new PromMetricsSink({ registry });
const logger = createLogger({ level: 'info' });
const broker = await createBroker({ backend: 'sqlite' }, { metrics, logger });

createServer(async (_request, response) => {
  response.setHeader('content-type', registry.contentType);
  response.end(await registry.metrics());
}).listen(9464);

const queue = await broker.createQueue('billing');
await queue.send('counted, never logged');
