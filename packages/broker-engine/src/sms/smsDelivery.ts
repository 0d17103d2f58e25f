import {
  type MessageAttributes,
  SMS_MESSAGE_ATTRIBUTES,
  type SmsAttributes,
  type SmsType,
  smsTypeOf,
} from '@sealbus/core';
import type { EngineContext } from '../engine/EngineContext.js';

/** What a recorded SMS carries beyond the text: the type and sender id SNS would send it with. */
export interface SmsDetails {
  smsType: SmsType;
  senderId?: string;
}

/**
 * How one SMS to `phoneNumber` goes out, or `undefined` when the number is on the opt-out list:
 * "SMS messages will fail to deliver to that subscription unless you opt in the phone number"
 * (SNS developer guide, Managing phone numbers and SMS subscriptions).
 */
export async function smsDelivery(
  ctx: EngineContext,
  phoneNumber: string,
  messageAttributes: MessageAttributes | undefined,
): Promise<SmsDetails | undefined> {
  if ((await ctx.store.sms.getPhoneNumber(phoneNumber))?.optedOut === true) return undefined;
  const defaults: SmsAttributes = await ctx.store.sms.getSmsAttributes();
  const senderId =
    messageAttributes?.[SMS_MESSAGE_ATTRIBUTES.senderId]?.stringValue ?? defaults.DefaultSenderID;
  return {
    smsType: smsTypeOf(messageAttributes, defaults),
    ...(senderId === undefined ? {} : { senderId }),
  };
}
