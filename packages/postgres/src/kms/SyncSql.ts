import { createRequire } from 'node:module';
import {
  MessageChannel,
  type MessagePort,
  receiveMessageOnPort,
  Worker,
} from 'node:worker_threads';
import { ServiceUnavailableError } from '@sealbus/core';
import { redactUrl } from '../redactUrl.js';

/**
 * Synchronous SQL on PostgreSQL, for the local KMS whose storage interface is synchronous (its
 * other storages are memory and better-sqlite3). One worker thread owns one connection; the
 * calling thread posts a statement and blocks on a shared counter until the worker answers, the
 * way `Atomics.wait` + `receiveMessageOnPort` make a synchronous call of asynchronous code.
 * KMS calls are rare (data keys are reused), so the blocked round trips cost little.
 */
export class SyncSql {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly signal = new Int32Array(new SharedArrayBuffer(4));
  private nextId = 0;
  private closed = false;

  constructor(
    private readonly connectionString: string,
    /** How long one statement may take before the caller gets `ServiceUnavailable`. */
    private readonly timeoutMs = 30_000,
  ) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    // Transpilers that keep function names (esbuild under tsx) insert calls to their `__name`
    // helper into the function's text; the worker defines it as a no-op.
    this.worker = new Worker(`var __name = (target) => target;\n(${workerMain.toString()})()`, {
      eval: true,
      workerData: {
        port: port2,
        signal: this.signal,
        connectionString,
        pgPath: createRequire(import.meta.url).resolve('pg'),
      },
      transferList: [port2],
    });
    // The worker must not keep an application alive that forgot to close its KMS.
    this.worker.unref();
  }

  begin(): void {
    this.call({ op: 'begin' });
  }

  commit(): void {
    this.call({ op: 'commit' });
  }

  rollback(): void {
    this.call({ op: 'rollback' });
  }

  query<Row>(text: string, values: unknown[] = []): Row[] {
    return this.call({ op: 'query', text, values }) as Row[];
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.port.close();
    void this.worker.terminate();
  }

  private call(request: WorkerRequest): unknown[] {
    if (this.closed) throw new Error('The PostgreSQL KMS storage is closed.');
    const id = ++this.nextId;
    let seen = Atomics.load(this.signal, 0);
    this.port.postMessage({ ...request, id });
    const deadline = Date.now() + this.timeoutMs;
    for (;;) {
      for (let reply = receiveMessageOnPort(this.port); reply !== undefined; ) {
        const answer = reply.message as WorkerReply;
        // A reply to a statement that timed out earlier is dropped.
        if (answer.id === id) return unwrap(answer, this.connectionString);
        reply = receiveMessageOnPort(this.port);
      }
      const remaining = deadline - Date.now();
      if (remaining <= 0) {
        throw new ServiceUnavailableError(
          `The KMS database did not answer within ${this.timeoutMs} ms; retry when PostgreSQL is reachable.`,
        );
      }
      Atomics.wait(this.signal, 0, seen, remaining);
      seen = Atomics.load(this.signal, 0);
    }
  }
}

type WorkerRequest =
  | { op: 'begin' | 'commit' | 'rollback' }
  | { op: 'query'; text: string; values: unknown[] };

type WorkerReply =
  | { id: number; rows: unknown[] }
  | { id: number; error: { message: string; code?: string; connection: boolean } };

function unwrap(answer: WorkerReply, connectionString: string): unknown[] {
  if ('rows' in answer) return answer.rows;
  const { message, code, connection } = answer.error;
  if (connection) {
    throw new ServiceUnavailableError(
      `The KMS database is unreachable (${message}); retry when PostgreSQL is back.`,
    );
  }
  const error = new Error(
    `KMS database statement failed on ${redactUrl(connectionString)}: ${message}`,
  ) as Error & { code?: string };
  if (code !== undefined) error.code = code;
  throw error;
}

/**
 * The worker thread, serialized with `toString()`: it may use nothing from this module's scope.
 * A connection lost inside a transaction fails every statement until the caller's rollback, so
 * the rest of the transaction can never run in autocommit on a new connection.
 */
function workerMain(): void {
  const { workerData } = require('node:worker_threads');
  const pg = require(workerData.pgPath);
  const { port, signal, connectionString } = workerData;
  // Times are epoch milliseconds in BIGINT columns: read them as numbers.
  const types = {
    getTypeParser: (oid: number, format: string) =>
      oid === 20 ? Number : pg.types.getTypeParser(oid, format),
  };
  interface Connection {
    query(text?: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
    end(): Promise<void>;
  }
  let client: Connection | undefined;
  let transactionClient: unknown;
  let chain = Promise.resolve();

  async function connected(): Promise<Connection> {
    if (client !== undefined) return client;
    const fresh = new pg.Client({ connectionString, types });
    fresh.on('error', () => {
      if (client === fresh) client = undefined;
    });
    await fresh.connect();
    client = fresh;
    return fresh;
  }

  function isConnectionError(error: { code?: string }): boolean {
    const code = error.code ?? '';
    return (
      code.startsWith('08') ||
      code === '57P01' ||
      code === '57P02' ||
      code === '57P03' ||
      code.startsWith('ECONN') ||
      code === 'EPIPE' ||
      code === 'ETIMEDOUT' ||
      /Connection terminated|not queryable/i.test(String((error as Error).message))
    );
  }

  async function run(request: { op: string; text?: string; values?: unknown[] }) {
    if (request.op === 'begin') {
      const c = await connected();
      await c.query('BEGIN');
      transactionClient = c;
      return [];
    }
    if (request.op === 'rollback') {
      const c = transactionClient;
      transactionClient = undefined;
      if (c !== undefined && c === client) await client.query('ROLLBACK');
      return [];
    }
    if (transactionClient !== undefined && transactionClient !== client) {
      const lost = new Error('the connection was lost inside a transaction') as Error & {
        code: string;
      };
      lost.code = '08006';
      throw lost;
    }
    if (request.op === 'commit') {
      transactionClient = undefined;
      await client!.query('COMMIT');
      return [];
    }
    const c = await connected();
    // Byte arrays arrive as plain Uint8Array after the structured clone; pg binds Buffers.
    const values = (request.values ?? []).map((value) =>
      value instanceof Uint8Array ? Buffer.from(value) : value,
    );
    return (await c.query(request.text, values)).rows;
  }

  port.on('message', (request: { id: number; op: string }) => {
    chain = chain.then(async () => {
      let reply: unknown;
      try {
        reply = { id: request.id, rows: await run(request) };
      } catch (error) {
        const failure = error as { message: string; code?: string };
        const connection = isConnectionError(failure);
        if (connection && client !== undefined) {
          const dead = client;
          client = undefined;
          dead.end().catch(() => {});
        }
        reply = {
          id: request.id,
          error: {
            message: String(failure.message),
            ...(typeof failure.code === 'string' ? { code: failure.code } : {}),
            connection,
          },
        };
      }
      port.postMessage(reply);
      Atomics.add(signal, 0, 1);
      Atomics.notify(signal, 0);
    });
  });
}
