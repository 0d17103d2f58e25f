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

/**
 * Exactly one action per operation of a shape table. Action maps are written
 * `{ … } satisfies ActionsFor<Operation>`, so an action without a shape is an excess property
 * and a shape without an action a missing one: both fail to compile.
 */
export type ActionsFor<Operation extends string> = { readonly [Op in Operation]: Action };
