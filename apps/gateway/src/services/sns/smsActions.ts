import type { Broker } from '@sealbus/core';
import type { SnsActions } from '../../protocols/sns-query.js';
import { optionalString, optionalStringList, optionalStringMap, requiredString } from '../input.js';

/** SNS SMS account actions: attributes and the opt-out list (Publish to a number is in publishActions). */
export function snsSmsActions(broker: Broker) {
  return {
    async SetSMSAttributes(input) {
      await broker.setSmsAttributes(optionalStringMap(input, 'attributes') ?? {});
      return {};
    },

    async GetSMSAttributes(input) {
      return { attributes: await broker.getSmsAttributes(optionalStringList(input, 'attributes')) };
    },

    async CheckIfPhoneNumberIsOptedOut(input) {
      const phoneNumber = requiredString(input, 'phoneNumber');
      return { isOptedOut: await broker.checkIfPhoneNumberIsOptedOut(phoneNumber) };
    },

    async ListPhoneNumbersOptedOut(input) {
      const page = await broker.listPhoneNumbersOptedOut(optionalString(input, 'nextToken'));
      return { phoneNumbers: page.phoneNumbers, nextToken: page.nextToken };
    },

    async OptInPhoneNumber(input) {
      await broker.optInPhoneNumber(requiredString(input, 'phoneNumber'));
      return {};
    },
  } satisfies Partial<SnsActions>;
}
