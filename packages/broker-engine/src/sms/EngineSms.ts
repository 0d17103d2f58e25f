import { Buffer } from 'node:buffer';
import {
  checkOptionKeys,
  InvalidParameterError,
  isE164,
  isSmsAttributeName,
  type OptedOutPage,
  type PublishResult,
  resolveTopicAttributes,
  SMS_PUBLISH_OPTION_KEYS,
  type SmsAttributes,
  type SmsPublishOptions,
  validatePhoneNumber,
  validatePublish,
  validatePublishPhoneNumber,
  validateSmsAttributes,
} from '@sealbus/core';
import type { EngineContext } from '../engine/EngineContext.js';
import { newMessageId } from '../engine/ids.js';
import { recordSms } from '../topics/push/recordMessages.js';
import { smsDelivery } from './smsDelivery.js';

/** "each page returns up to 100 phone numbers" (ListPhoneNumbersOptedOut API reference). */
export const OPTED_OUT_PAGE_SIZE = 100;
/** "You can opt in a phone number only once every 30 days" (OptInPhoneNumber API reference). */
export const OPT_IN_INTERVAL_MS = 30 * 24 * 60 * 60 * 1000;

/** A direct SMS publish follows the publish rules of a standard topic (no FIFO ids). */
const STANDARD_TOPIC = resolveTopicAttributes({}, { topicName: 'sms' });

/** The SNS SMS actions of one engine broker: attributes, the opt-out list, Publish to a number. */
export class EngineSms {
  readonly #ctx: EngineContext;

  constructor(ctx: EngineContext) {
    this.#ctx = ctx;
  }

  async setAttributes(attributes: SmsAttributes): Promise<void> {
    this.#ctx.assertOpen();
    validateSmsAttributes(attributes);
    await this.#ctx.store.sms.setSmsAttributes(attributes as Record<string, string>);
  }

  async getAttributes(names?: readonly string[]): Promise<SmsAttributes> {
    this.#ctx.assertOpen();
    const stored = await this.#ctx.store.sms.getSmsAttributes();
    const wanted = names === undefined || names.length === 0 ? undefined : new Set(names);
    const result: SmsAttributes = {};
    for (const [name, value] of Object.entries(stored)) {
      if (isSmsAttributeName(name) && (wanted === undefined || wanted.has(name))) {
        result[name] = value;
      }
    }
    return result;
  }

  async isOptedOut(phoneNumber: string): Promise<boolean> {
    this.#ctx.assertOpen();
    validatePhoneNumber(phoneNumber);
    return (await this.#ctx.store.sms.getPhoneNumber(phoneNumber))?.optedOut === true;
  }

  async listOptedOut(nextToken?: string): Promise<OptedOutPage> {
    this.#ctx.assertOpen();
    const after = nextToken === undefined ? undefined : numberOfToken(nextToken);
    // One more than a page tells whether another page follows.
    const numbers = await this.#ctx.store.sms.listOptedOutPhoneNumbers({
      ...(after === undefined ? {} : { after }),
      limit: OPTED_OUT_PAGE_SIZE + 1,
    });
    if (numbers.length <= OPTED_OUT_PAGE_SIZE) return { phoneNumbers: numbers };
    const page = numbers.slice(0, OPTED_OUT_PAGE_SIZE);
    return { phoneNumbers: page, nextToken: tokenOf(page[page.length - 1] as string) };
  }

  /**
   * Takes an opted-out number off the list, at most once per number every 30 days. A number
   * that is not opted out is left as it is, and the call does not count as an opt-in.
   */
  async optIn(phoneNumber: string): Promise<void> {
    this.#ctx.assertOpen();
    validatePhoneNumber(phoneNumber);
    const record = await this.#ctx.store.sms.getPhoneNumber(phoneNumber);
    if (record === undefined || !record.optedOut) return;
    const now = this.#ctx.clock.now();
    const last = record.optedInTimestamp;
    if (last !== undefined && now - last < OPT_IN_INTERVAL_MS) {
      const reason = `${phoneNumber} was opted in at ${new Date(last).toISOString()}; a number can be opted in only once every 30 days, next at ${new Date(last + OPT_IN_INTERVAL_MS).toISOString()}`;
      throw new InvalidParameterError(`Invalid parameter: PhoneNumber Reason: ${reason}`, {
        field: 'phoneNumber',
        params: { parameter: 'PhoneNumber', reason },
      });
    }
    await this.#ctx.store.sms.savePhoneNumber({
      ...record,
      optedOut: false,
      optedInTimestamp: now,
    });
  }

  /** Puts the number on the opt-out list, as the recipient's STOP reply would on SNS. */
  async optOut(phoneNumber: string): Promise<void> {
    this.#ctx.assertOpen();
    validatePhoneNumber(phoneNumber);
    const record = await this.#ctx.store.sms.getPhoneNumber(phoneNumber);
    await this.#ctx.store.sms.savePhoneNumber({
      ...(record ?? { phoneNumber }),
      optedOut: true,
      optedOutTimestamp: this.#ctx.clock.now(),
    });
  }

  /** One SMS, recorded instead of sent; an opted-out number gets nothing, the publish succeeds. */
  async publish(
    phoneNumber: string,
    message: string,
    options: SmsPublishOptions = {},
  ): Promise<PublishResult> {
    this.#ctx.assertOpen();
    checkOptionKeys(options, SMS_PUBLISH_OPTION_KEYS);
    validatePublishPhoneNumber(phoneNumber);
    validatePublish(message, options, STANDARD_TOPIC);
    const messageId = newMessageId();
    const details = await smsDelivery(this.#ctx, phoneNumber, options.messageAttributes);
    if (details === undefined) {
      this.#ctx.logger.info({ messageId }, 'sms not delivered: the number is opted out');
    } else {
      recordSms(this.#ctx, { phoneNumber, messageId, body: message, details });
    }
    return { messageId };
  }
}

/** Page tokens carry the last number of the page, so a list that changes between pages still pages on. */
function tokenOf(phoneNumber: string): string {
  return Buffer.from(phoneNumber, 'utf8').toString('base64url');
}

function numberOfToken(token: string): string {
  const phoneNumber = Buffer.from(token, 'base64url').toString('utf8');
  if (!isE164(phoneNumber) || tokenOf(phoneNumber) !== token) {
    const reason = `not a token ListPhoneNumbersOptedOut returned; got ${JSON.stringify(token.slice(0, 64))}`;
    throw new InvalidParameterError(`Invalid parameter: NextToken Reason: ${reason}`, {
      field: 'nextToken',
      params: { parameter: 'NextToken', reason },
    });
  }
  return phoneNumber;
}
