import type { ActionInput } from './input.js';

/** What an action knows about the request besides its input. */
export interface ActionContext {
  /** The SigV4 access key id, used as the KMS principal; absent on unsigned requests. */
  principal?: string;
  /** `http://<Host header>`: queue URLs are built on it so clients can reach them. */
  origin: string;
  /** Aborted when the client disconnects (ends long polls early). */
  signal: AbortSignal;
}

/** An action takes and returns JSON-model objects (member names as in the AWS model). */
export type Action = (
  input: ActionInput,
  context: ActionContext,
) => Promise<Record<string, unknown>>;

export type Actions = Readonly<Record<string, Action>>;
