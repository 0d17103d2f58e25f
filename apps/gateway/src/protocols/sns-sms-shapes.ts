import type { QueryOperation } from './query.js';
import { bool, entryMap, memberList, str, struct } from './query-codec.js';

/**
 * The SNS SMS operations. Their members are lower camel case on the wire (`attributes`,
 * `phoneNumber`, `nextToken`), as in their API reference pages, unlike the rest of SNS.
 */
export const SNS_SMS_SHAPES = {
  SetSMSAttributes: {
    input: struct({ attributes: entryMap('key', 'value') }),
    output: struct({}),
  },
  GetSMSAttributes: {
    input: struct({ attributes: memberList(str) }),
    output: struct({ attributes: entryMap('key', 'value') }),
  },
  CheckIfPhoneNumberIsOptedOut: {
    input: struct({ phoneNumber: str }),
    output: struct({ isOptedOut: bool }),
  },
  ListPhoneNumbersOptedOut: {
    input: struct({ nextToken: str }),
    output: struct({ phoneNumbers: memberList(str), nextToken: str }),
  },
  OptInPhoneNumber: { input: struct({ phoneNumber: str }), output: struct({}) },
} satisfies Record<string, QueryOperation>;
