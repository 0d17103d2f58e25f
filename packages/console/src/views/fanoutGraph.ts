import { Graph, layout } from '@dagrejs/dagre';
import type { QueueRow } from '../data/queueOverview.js';
import { filterSummary, type TopicRow } from '../data/topicOverview.js';
import { escapeHtml, raw, type SafeHtml } from './html.js';

type NodeKind = 'topic' | 'queue' | 'dlq';

interface NodeData {
  width: number;
  height: number;
  label: string;
  kind: NodeKind;
  href?: string;
  x?: number;
  y?: number;
}

interface EdgeData {
  label?: string;
  width?: number;
  height?: number;
  points?: { x: number; y: number }[];
  x?: number;
  y?: number;
  kind: 'subscription' | 'redrive';
}

/** Approximate width of 13px system-ui text, enough for dagre to keep labels apart. */
const CHAR_WIDTH = 7.4;
const NODE_HEIGHT = 36;

function textWidth(text: string): number {
  return Math.ceil(text.length * CHAR_WIDTH);
}

export interface FanoutGraphInput {
  topics: readonly TopicRow[];
  queues: readonly QueueRow[];
  queueHref: (queueName: string) => string;
}

/**
 * The fanout as an SVG: topics → subscribed queues (edge label: filter policy) → their DLQs.
 * dagre computes the layout; this only draws its boxes and polylines.
 */
export function fanoutGraph(input: FanoutGraphInput): SafeHtml {
  const graph = new Graph<object, NodeData, EdgeData>({ multigraph: false });
  graph.setGraph({ rankdir: 'LR', nodesep: 18, ranksep: 70, marginx: 8, marginy: 8 });
  const queuesByName = new Map(input.queues.map((queue) => [queue.name, queue]));
  const addQueue = (name: string, kind: NodeKind) => {
    const id = `queue:${name}`;
    if (!graph.hasNode(id)) {
      graph.setNode(id, {
        width: textWidth(name) + 28,
        height: NODE_HEIGHT,
        label: name,
        kind,
        href: input.queueHref(name),
      });
    }
    return id;
  };
  for (const topic of input.topics) {
    const topicId = `topic:${topic.name}`;
    graph.setNode(topicId, {
      width: textWidth(topic.name) + 28,
      height: NODE_HEIGHT,
      label: topic.name,
      kind: 'topic',
    });
    for (const subscription of topic.subscriptions) {
      const queue = queuesByName.get(subscription.queueName);
      const queueId = addQueue(subscription.queueName, 'queue');
      const label = filterSummary(subscription.filterPolicy);
      graph.setEdge(
        topicId,
        queueId,
        label === undefined
          ? { kind: 'subscription' }
          : { kind: 'subscription', label, width: textWidth(label), height: 16 },
      );
      const dlq = queue?.deadLetterQueue;
      if (dlq !== undefined) {
        const label = `after ${queue!.redrivePolicy!.maxReceiveCount} receives`;
        graph.setEdge(queueId, addQueue(dlq.name, 'dlq'), {
          kind: 'redrive',
          label,
          width: textWidth(label),
          height: 16,
        });
      }
    }
  }
  if (graph.nodeCount() === 0) return raw('');
  layout(graph);
  const { width = 0, height = 0 } = graph.graph() as { width?: number; height?: number };
  const parts: string[] = [];
  for (const edgeRef of graph.edges()) {
    const edge = graph.edge(edgeRef);
    const points = (edge.points ?? [])
      .map((p: { x: number; y: number }) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`)
      .join(' ');
    parts.push(
      `<polyline class="edge edge-${edge.kind}" points="${points}" marker-end="url(#arrow)"/>`,
    );
    if (edge.label !== undefined && edge.x !== undefined && edge.y !== undefined) {
      parts.push(
        `<text class="edge-label" x="${edge.x.toFixed(1)}" y="${(edge.y + 4).toFixed(1)}" text-anchor="middle">${escapeHtml(edge.label)}</text>`,
      );
    }
  }
  for (const id of graph.nodes()) {
    const node = graph.node(id);
    const x = (node.x ?? 0) - node.width / 2;
    const y = (node.y ?? 0) - node.height / 2;
    const box = `<rect class="node node-${node.kind}" x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${node.width}" height="${node.height}" rx="6"/><text x="${(node.x ?? 0).toFixed(1)}" y="${((node.y ?? 0) + 4).toFixed(1)}" text-anchor="middle">${escapeHtml(node.label)}</text>`;
    parts.push(
      node.href === undefined
        ? `<g>${box}</g>`
        : `<a href="${escapeHtml(node.href)}" aria-label="${escapeHtml(`${node.kind === 'dlq' ? 'Dead-letter queue' : 'Queue'} ${node.label}`)}">${box}</a>`,
    );
  }
  return raw(
    `<svg class="fanout" role="group" aria-labelledby="fanout-title" viewBox="0 0 ${Math.ceil(width)} ${Math.ceil(height)}" width="${Math.ceil(width)}" height="${Math.ceil(height)}" xmlns="http://www.w3.org/2000/svg"><title id="fanout-title">Fanout: topics to subscribed queues to dead-letter queues</title><defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z"/></marker></defs>${parts.join('')}</svg>`,
  );
}
