import {
  CheckIfPhoneNumberIsOptedOutCommand,
  GetSMSAttributesCommand,
  ListPhoneNumbersOptedOutCommand,
  OptInPhoneNumberCommand,
  PublishCommand,
  SetSMSAttributesCommand,
} from '@aws-sdk/client-sns';
import {
  checkOptionKeys,
  isSmsAttributeName,
  type OptedOutPage,
  type PublishResult,
  SMS_PUBLISH_OPTION_KEYS,
  type SmsAttributes,
  type SmsPublishOptions,
  validatePhoneNumber,
  validatePublishPhoneNumber,
  validateSmsAttributes,
  validateSmsMessageAttributes,
} from '@sealbus/core';
import { type AwsContext, assertOpen } from '../AwsContext.js';
import { callAws } from '../errors/mapAwsError.js';
import { toSnsMessageAttributes } from '../wire/messageAttributes.js';

/**
 * The SNS SMS actions over the SDK. What the caller writes is validated here first (a bad value
 * never costs a request); what SNS returns is read leniently: an attribute name this version does
 * not know is dropped, not refused.
 */
export class AwsSms {
  readonly #ctx: AwsContext;

  constructor(ctx: AwsContext) {
    this.#ctx = ctx;
  }

  async setAttributes(attributes: SmsAttributes): Promise<void> {
    validateSmsAttributes(attributes);
    await this.#sns('SetSMSAttributes', () =>
      this.#ctx.sns.send(new SetSMSAttributesCommand({ attributes: { ...attributes } })),
    );
  }

  async getAttributes(names?: readonly string[]): Promise<SmsAttributes> {
    const output = await this.#sns('GetSMSAttributes', () =>
      this.#ctx.sns.send(
        new GetSMSAttributesCommand(
          names === undefined || names.length === 0 ? {} : { attributes: [...names] },
        ),
      ),
    );
    const result: SmsAttributes = {};
    for (const [name, value] of Object.entries(output.attributes ?? {})) {
      if (isSmsAttributeName(name)) result[name] = value;
    }
    return result;
  }

  async isOptedOut(phoneNumber: string): Promise<boolean> {
    validatePhoneNumber(phoneNumber);
    const output = await this.#sns('CheckIfPhoneNumberIsOptedOut', () =>
      this.#ctx.sns.send(new CheckIfPhoneNumberIsOptedOutCommand({ phoneNumber })),
    );
    return output.isOptedOut === true;
  }

  async listOptedOut(nextToken?: string): Promise<OptedOutPage> {
    const output = await this.#sns('ListPhoneNumbersOptedOut', () =>
      this.#ctx.sns.send(new ListPhoneNumbersOptedOutCommand({ nextToken })),
    );
    const page: OptedOutPage = { phoneNumbers: output.phoneNumbers ?? [] };
    if (output.nextToken !== undefined && output.nextToken !== '') {
      page.nextToken = output.nextToken;
    }
    return page;
  }

  async optIn(phoneNumber: string): Promise<void> {
    validatePhoneNumber(phoneNumber);
    await this.#sns('OptInPhoneNumber', () =>
      this.#ctx.sns.send(new OptInPhoneNumberCommand({ phoneNumber })),
    );
  }

  async publish(
    phoneNumber: string,
    message: string,
    options: SmsPublishOptions = {},
  ): Promise<PublishResult> {
    checkOptionKeys(options, SMS_PUBLISH_OPTION_KEYS);
    validatePublishPhoneNumber(phoneNumber);
    validateSmsMessageAttributes(options.messageAttributes);
    const output = await this.#sns('Publish', () =>
      this.#ctx.sns.send(
        new PublishCommand({
          PhoneNumber: phoneNumber,
          Message: message,
          Subject: options.subject,
          MessageAttributes: toSnsMessageAttributes(options.messageAttributes),
        }),
      ),
    );
    return { messageId: output.MessageId ?? '' };
  }

  #sns<T>(operation: string, call: () => Promise<T>): Promise<T> {
    assertOpen(this.#ctx);
    return callAws('sns', operation, call);
  }
}
