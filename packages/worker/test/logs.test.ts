import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CORRELATION_ID_ATTRIBUTE } from '../src/middleware/correlationId.js';
import { Worker } from '../src/Worker.js';
import { BACKENDS } from './helpers/backends.js';
import { type Harness, harness } from './helpers/scenario.js';

const PATIENT = 'Jane Roe 1961-02-03';

describe.each(BACKENDS)('pino logs on $name', (backend) => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness(backend);
  });
  afterEach(async () => {
    await h.dispose();
  });

  it('carry queue, message and correlation ids and never the body', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split('\n'))
          if (line !== '') lines.push(JSON.parse(line));
        done();
      },
    });
    const logger = pino({ level: 'debug' }, sink);
    const { queue } = await h.sealedQueueWithDlq(2);
    const worker = new Worker({ broker: h.broker, logger, clock: h.clock }, { handlerSpy: true });
    h.workers.push(worker);
    let calls = 0;
    worker.handle(
      queue.name,
      async () => {
        calls += 1;
        if (calls === 1) throw new Error('transient');
      },
      { waitTimeSeconds: 0, pollingWaitTimeMs: 2, retry: { baseDelaySeconds: 0 } },
    );
    const { messageId } = await queue.send(JSON.stringify({ patient: PATIENT }), {
      messageAttributes: {
        [CORRELATION_ID_ATTRIBUTE]: { dataType: 'String', stringValue: 'req-42' },
      },
    });
    await worker.start();
    await worker.waitFor(messageId, 'consumed');
    const about = lines.filter((l) => l['messageId'] === messageId);
    expect(about.map((l) => l['msg'])).toEqual(['message handling failed', 'message consumed']);
    for (const line of about) {
      expect(line).toMatchObject({ queueName: queue.name, correlationId: 'req-42' });
    }
    expect(JSON.stringify(lines)).not.toContain(PATIENT);
  });
});
