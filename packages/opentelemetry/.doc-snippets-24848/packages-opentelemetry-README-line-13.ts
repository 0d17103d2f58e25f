import { trace } from '@opentelemetry/api';
import { createMemoryBroker } from '@sealbus/memory';
import { instrumentBroker, OpenTelemetryMetricsSink, tracing } from '@sealbus/opentelemetry';
import { Worker } from '@sealbus/worker';

// Any Broker: createSqliteBroker(…), createAwsBroker(…) or createBroker(config) alike.
const broker = instrumentBroker(createMemoryBroker());
const topic = await broker.createTopic('Patient-Records');
const billing = await broker.createQueue('Billing-Integration');
await topic.subscribe(billing);

const worker = new Worker(
  { broker, metrics: new OpenTelemetryMetricsSink() },
  { middleware: [tracing()] },
);
worker.handle('Billing-Integration', async (message) => {
  // Runs in the span `process Billing-Integration`, a child of the publish span below.
  trace.getActiveSpan()?.addEvent('billing', { messageId: message.messageId });
});
await worker.start();

await topic.publish(JSON.stringify({ recordId: 'r-1' })); // span `publish Patient-Records`
