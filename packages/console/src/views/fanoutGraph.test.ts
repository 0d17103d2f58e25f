import { describe, expect, it } from 'vitest';
import type { QueueRow } from '../data/queueOverview.js';
import type { TopicRow } from '../data/topicOverview.js';
import { fanoutGraph } from './fanoutGraph.js';

function queue(name: string, extra: Partial<QueueRow> = {}): QueueRow {
  return {
    name,
    arn: `arn:aws:sqs:us-east-1:000000000000:${name}`,
    fifo: false,
    visible: 0,
    inFlight: 0,
    delayed: 0,
    sse: { kind: 'none' },
    sourceQueueNames: [],
    ...extra,
  };
}

describe('fanoutGraph', () => {
  it('lays out topic → queue → DLQ with labelled edges and links to queues', () => {
    const dlq = queue('A-DLQ', { sourceQueueNames: ['A'] });
    const a = queue('A', {
      redrivePolicy: { deadLetterTargetArn: dlq.arn, maxReceiveCount: 3 },
      deadLetterQueue: { name: 'A-DLQ', arn: dlq.arn, visible: 0 },
    });
    const topic: TopicRow = {
      name: 'T',
      arn: 'arn:aws:sns:us-east-1:000000000000:T',
      fifo: false,
      subscriptions: [
        {
          arn: 's1',
          queueName: 'A',
          queueArn: a.arn,
          filterPolicy: { '<kind>': ['x'] },
          filterPolicyScope: 'MessageAttributes',
          rawMessageDelivery: true,
        },
        {
          arn: 's2',
          queueName: 'B',
          queueArn: 'b',
          filterPolicyScope: 'MessageAttributes',
          rawMessageDelivery: false,
        },
      ],
    };
    const svg = fanoutGraph({
      topics: [topic],
      queues: [a, dlq, queue('B')],
      queueHref: (n) => `/q/${n}`,
    }).value;
    expect(svg.match(/<rect /g)).toHaveLength(4);
    expect(svg.match(/<polyline /g)).toHaveLength(3);
    expect(svg).toContain('filter: &lt;kind&gt;');
    expect(svg).toContain('after 3 receives');
    expect(svg).toContain('<a href="/q/A-DLQ" aria-label="Dead-letter queue A-DLQ">');
    expect(svg).not.toContain('<kind>');
    const points = [...svg.matchAll(/points="([^"]+)"/g)].flatMap((m) =>
      m[1]!.split(/[ ,]/).map(Number),
    );
    expect(points.every(Number.isFinite)).toBe(true);
  });

  it('draws nothing without topics', () => {
    expect(fanoutGraph({ topics: [], queues: [], queueHref: (n) => n }).value).toBe('');
  });
});
