import { createMemoryBroker } from '@sealbus/memory';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { SNS_QUERY_SHAPES, type SnsActions, type SnsOperation } from '../protocols/sns-query.js';
import { SQS_QUERY_SHAPES, type SqsActions, type SqsOperation } from '../protocols/sqs-query.js';
import type { Action, ActionsFor } from './context.js';
import { snsTopicActions } from './sns/topicActions.js';
import { snsActions } from './sns.js';
import { sqsQueueActions } from './sqs/queueActions.js';
import { sqsActions } from './sqs.js';

const broker = createMemoryBroker();
const noop: Action = async () => ({});

// These cases are checked by `pnpm typecheck`: each `@ts-expect-error` fails the build when the
// line below it compiles, i.e. when the action maps stop being tied to the shape tables.
describe('action maps are typed against the protocol shape tables', () => {
  it('SQS: the action names are exactly the shape table’s operations', () => {
    expectTypeOf<keyof ReturnType<typeof sqsActions>>().toEqualTypeOf<SqsOperation>();
    expectTypeOf<SqsOperation>().toEqualTypeOf<keyof typeof SQS_QUERY_SHAPES>();
    expect(Object.keys(sqsActions(broker)).sort()).toEqual(Object.keys(SQS_QUERY_SHAPES).sort());
  });

  it('SNS: the action names are exactly the shape table’s operations', () => {
    expectTypeOf<keyof ReturnType<typeof snsActions>>().toEqualTypeOf<SnsOperation>();
    expect(Object.keys(snsActions(broker)).sort()).toEqual(Object.keys(SNS_QUERY_SHAPES).sort());
  });

  it('an action without a shape does not compile', () => {
    const extra = {
      ...sqsActions(broker),
      // @ts-expect-error SendCarrierPigeon has no entry in SQS_QUERY_SHAPES
      SendCarrierPigeon: noop,
    } satisfies SqsActions;
    const extraInGroup = {
      ...snsTopicActions(broker),
      // @ts-expect-error a group may hold only operations of the SNS table
      CreateQueue: noop,
    } satisfies Partial<SnsActions>;
    expect(Object.keys(extra)).toContain('SendCarrierPigeon');
    expect(Object.keys(extraInGroup)).toContain('CreateQueue');
  });

  it('a shape without an action does not compile', () => {
    const { SendMessage: _dropped, ...withoutSend } = sqsActions(broker);
    // @ts-expect-error SendMessage is in SQS_QUERY_SHAPES but has no action
    const missing = withoutSend satisfies SqsActions;
    // @ts-expect-error only the queue group: the message and move operations are missing
    const partial = sqsQueueActions(broker) satisfies SqsActions;
    expect(Object.keys(missing)).not.toContain('SendMessage');
    expect(Object.keys(partial)).not.toContain('SendMessage');
  });

  it('ActionsFor asks for exactly the operations it is given', () => {
    expectTypeOf<ActionsFor<'A' | 'B'>>().toEqualTypeOf<{
      readonly A: Action;
      readonly B: Action;
    }>();
    // @ts-expect-error B is missing
    const onlyA = { A: noop } satisfies ActionsFor<'A' | 'B'>;
    expect(Object.keys(onlyA)).toEqual(['A']);
  });
});
