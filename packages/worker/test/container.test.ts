import 'reflect-metadata';
import { type Broker, silentLogger, TOKENS } from '@sealbus/core';
import { Container, inject, injectable } from 'inversify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WORKER_TOKEN, WorkerModule } from '../src/di/WorkerModule.js';
import type { HandlerContext, QueueHandler } from '../src/types/handler.js';
import type { WorkerMessage } from '../src/types/message.js';
import type { Worker } from '../src/Worker.js';
import { BACKENDS } from './helpers/backends.js';
import { type Harness, harness, uniqueName } from './helpers/scenario.js';

interface Appointment {
  appointmentId: string;
}

const AUDIT_QUEUE = Symbol.for('test.AuditQueueName');

/** Forwards each appointment id to an audit queue through the injected broker. */
@injectable()
class AppointmentHandler implements QueueHandler<Appointment> {
  constructor(
    @inject(TOKENS.Broker) private readonly broker: Broker,
    @inject(AUDIT_QUEUE) private readonly auditQueue: string,
  ) {}

  async handle(message: WorkerMessage<Appointment>, _context: HandlerContext) {
    if (message.state === 'sealed') return { status: 'error' as const, errorReason: 'sealed' };
    const audit = await this.broker.getQueue(this.auditQueue);
    await audit.send(message.payload.appointmentId);
    return { status: 'consumed' as const };
  }
}

describe.each(BACKENDS)('inversify integration on $name', (backend) => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness(backend);
  });
  afterEach(async () => {
    await h.dispose();
  });

  it('resolves handler classes by token and builds the worker from TOKENS.Broker', async () => {
    const source = await h.broker.createQueue(uniqueName('appointments'));
    const audit = await h.broker.createQueue(uniqueName('audit'));
    const container = new Container();
    container.bind(TOKENS.Broker).toConstantValue(h.broker);
    container.bind(TOKENS.Logger).toConstantValue(silentLogger);
    container.bind(AUDIT_QUEUE).toConstantValue(audit.name);
    container.bind(AppointmentHandler).toSelf();
    await container.load(
      WorkerModule(
        [{ queueName: source.name, handler: AppointmentHandler, options: { waitTimeSeconds: 1 } }],
        {
          handlerSpy: true,
        },
      ),
    );
    const worker = container.get<Worker>(WORKER_TOKEN);
    h.workers.push(worker);
    expect(container.get<Worker>(WORKER_TOKEN)).toBe(worker);
    await worker.start();
    const { messageId } = await source.send(JSON.stringify({ appointmentId: 'apt-17' }));
    await worker.waitFor(messageId);
    const [forwarded] = await audit.receive({ waitTimeSeconds: 0 });
    expect(forwarded).toMatchObject({ state: 'open', body: 'apt-17' });
  });
});
