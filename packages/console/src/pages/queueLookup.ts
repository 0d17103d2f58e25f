import type { EngineBroker } from '@sealbus/broker-engine';
import { QueueDoesNotExistError } from '@sealbus/core';

/** The queue a console path names; a missing one is explained in console terms (CLI, not API). */
export async function queueNamed(broker: EngineBroker, name: string) {
  try {
    return await broker.getQueue(name);
  } catch (error) {
    if (!(error instanceof QueueDoesNotExistError)) throw error;
    throw new QueueDoesNotExistError(
      `Queue ${name} does not exist. The queues page lists every queue; create this one with "sealbus queue create ${name}".`,
      { field: 'QueueUrl' },
    );
  }
}
