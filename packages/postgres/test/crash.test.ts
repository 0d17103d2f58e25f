import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresBroker } from '../src/index.js';
import { type Child, spawnFixture } from './support/children.js';
import { startCluster, type TestCluster } from './support/cluster.js';

const CONSUMERS = 4;
const MESSAGES = 150;
const KILLS = 6;
const VISIBILITY_SECONDS = 3;

interface Receive {
  before: number;
  after: number;
}

describe('crash and restart: consumers SIGKILLed, the server stopped with -m immediate', () => {
  let cluster: TestCluster;
  beforeAll(async () => {
    // Its own cluster: this test stops and restarts the server.
    cluster = await startCluster();
  });
  afterAll(() => cluster.destroy());

  it('loses no acknowledged send, brings back no deleted message and never delivers one message twice inside its visibility timeout', async () => {
    const url = cluster.url();
    const rootKey = randomBytes(32).toString('base64');
    const broker = await createPostgresBroker({
      connectionString: url,
      rootKey: new Uint8Array(Buffer.from(rootKey, 'base64')),
      poolSize: 3,
    });
    const queue = await broker.createQueue('crash', {
      VisibilityTimeout: VISIBILITY_SECONDS,
    });
    const children: Child[] = [];
    const spawnConsumer = () => {
      const child = spawnFixture('crashConsumer', [url, 'crash', rootKey]);
      children.push(child);
      return child;
    };
    const consumers = Array.from({ length: CONSUMERS }, spawnConsumer);
    await Promise.all(consumers.map((child) => child.waitFor('ready')));

    const acknowledged = new Set<string>();
    let sendFailures = 0;
    const sending = (async () => {
      for (let index = 0; index < MESSAGES; ) {
        const body = `m-${index}`;
        try {
          await queue.send(body);
          acknowledged.add(body);
          index++;
        } catch {
          // Not acknowledged (the server is down): retried, so it may be stored twice.
          sendFailures++;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        await new Promise((resolve) => setTimeout(resolve, 15));
      }
    })();

    let kills = 0;
    let restarted = false;
    while (kills < KILLS) {
      await new Promise((resolve) => setTimeout(resolve, 300 + Math.random() * 300));
      const victim = Math.floor(Math.random() * consumers.length);
      consumers[victim]!.process.kill('SIGKILL');
      await consumers[victim]!.exited;
      consumers[victim] = spawnConsumer();
      kills++;
      if (kills === KILLS / 2) {
        cluster.stop('immediate');
        await new Promise((resolve) => setTimeout(resolve, 500));
        cluster.start();
        restarted = true;
      }
    }
    await sending;

    // Drain: wait until every acknowledged send was deleted by some consumer, or its delete was
    // asked for and the queue holds nothing any more (bounded).
    const bodiesWith = (prefix: string) =>
      new Set(
        children.flatMap((child) =>
          child.lines.filter((line) => line.startsWith(prefix)).map((line) => line.split(' ')[1]!),
        ),
      );
    const queueEmpty = async () => {
      const depth = await queue.getAttributes();
      return depth.ApproximateNumberOfMessages + depth.ApproximateNumberOfMessagesNotVisible === 0;
    };
    for (let round = 0; round < 300; round++) {
      const deleted = bodiesWith('D ');
      if ([...acknowledged].every((body) => deleted.has(body))) break;
      const asked = bodiesWith('d ');
      if ([...acknowledged].every((b) => deleted.has(b) || asked.has(b)) && (await queueEmpty())) {
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    for (const child of consumers) child.process.kill('SIGKILL');
    await Promise.all(consumers.map((child) => child.exited));

    const receives = new Map<string, Receive[]>();
    const deletes = new Map<string, number>();
    const deleteAsked = new Set<string>();
    for (const child of children) {
      for (const line of child.lines) {
        const [kind, body, a, b] = line.split(' ');
        if (kind === 'R') {
          const list = receives.get(body!) ?? [];
          list.push({ before: Number(a), after: Number(b) });
          receives.set(body!, list);
        } else if (kind === 'd') {
          deleteAsked.add(body!);
        } else if (kind === 'D') {
          deletes.set(body!, Math.min(deletes.get(body!) ?? Number.POSITIVE_INFINITY, Number(a)));
        }
      }
    }
    expect(restarted).toBe(true);
    expect(acknowledged.size).toBe(MESSAGES);
    // Lost: acknowledged, yet no consumer saw its delete through or even asked for it. A delete
    // asked for by a consumer killed before the answer (or whose answer the restart lost) may
    // have been committed: the message is then gone by request, and the queue is empty below.
    const lost = [...acknowledged].filter((body) => !deletes.has(body) && !deleteAsked.has(body));
    expect(lost).toEqual([]);
    const doubleDeliveries: string[] = [];
    const deletedBack: string[] = [];
    for (const [body, list] of receives) {
      list.sort((x, y) => x.before - y.before);
      for (let index = 1; index < list.length; index++) {
        // The earlier claim set a deadline of at least before + timeout; a later claim that
        // returned before that deadline shared the message inside its visibility timeout.
        if (list[index]!.after < list[index - 1]!.before + VISIBILITY_SECONDS * 1000) {
          doubleDeliveries.push(body);
        }
      }
      const deletedAt = deletes.get(body);
      if (deletedAt !== undefined && list.some((receive) => receive.before > deletedAt)) {
        deletedBack.push(body);
      }
    }
    expect(doubleDeliveries).toEqual([]);
    expect(deletedBack).toEqual([]);
    const left = await queue.getAttributes();
    expect(left.ApproximateNumberOfMessages).toBe(0);
    expect(left.ApproximateNumberOfMessagesNotVisible).toBe(0);
    // Reported so a reader sees the run exercised what it claims.
    console.log(
      `crash run: ${kills} consumer kills, server restarted once, ${sendFailures} failed sends retried, ${[...acknowledged].filter((b) => !deletes.has(b)).length} deleted without their answer, ${[...receives.values()].reduce((sum, list) => sum + list.length, 0)} receives of ${MESSAGES} messages`,
    );
    await broker.close();
  }, 120_000);
});
