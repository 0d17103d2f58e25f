import type { MessageStore, QueueRecord } from '../store/MessageStore.js';

/** Which queues' messages may legitimately sit in one queue, and which queues exist at all. */
export interface QueueSources {
  /** By ARN: the queue itself and every queue whose messages can reach it. */
  readonly sources: ReadonlyMap<string, QueueRecord>;
  /** ARNs of every existing queue. */
  readonly existing: ReadonlySet<string>;
}

/**
 * The queues whose messages may be stored in `queueArn`: itself, the queues whose
 * RedrivePolicy dead-letters into it and the source queues of move tasks with it as their
 * destination, transitively (A dead-letters into D, a task moves D to C: C may hold A's
 * messages). Read from the store on demand: only a receive that meets a message sealed for
 * another queue, or a plaintext row in an SSE queue, pays for it.
 */
export async function queueSources(store: MessageStore, queueArn: string): Promise<QueueSources> {
  const queues = await store.listQueues();
  const byArn = new Map(queues.map((queue) => [queue.arn, queue]));
  const feeders = new Map<string, string[]>();
  const link = (from: string, to: string): void => {
    const list = feeders.get(to);
    if (list === undefined) feeders.set(to, [from]);
    else list.push(from);
  };
  for (const queue of queues) {
    const deadLetterTarget = queue.attributes.RedrivePolicy?.deadLetterTargetArn;
    if (deadLetterTarget !== undefined) link(queue.arn, deadLetterTarget);
  }
  const tasks = await Promise.all(queues.map((queue) => store.listMoveTasks(queue.arn)));
  for (const task of tasks.flat()) {
    if (task.destinationArn !== undefined) link(task.sourceArn, task.destinationArn);
  }
  const sources = new Map<string, QueueRecord>();
  const pending = [queueArn];
  for (let arn = pending.pop(); arn !== undefined; arn = pending.pop()) {
    const record = byArn.get(arn);
    if (record === undefined || sources.has(arn)) continue;
    sources.set(arn, record);
    pending.push(...(feeders.get(arn) ?? []));
  }
  return { sources, existing: new Set(byArn.keys()) };
}
