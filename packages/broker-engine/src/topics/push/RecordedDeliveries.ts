import type { SmsType, SubscriptionProtocol } from '@sealbus/core';

/** A message the broker would have sent by email or SMS, kept instead of sent. */
export interface RecordedDelivery {
  kind: 'SubscriptionConfirmation' | 'Notification';
  protocol: Extract<SubscriptionProtocol, 'email' | 'email-json' | 'sms'>;
  /** The address or phone number. */
  endpoint: string;
  /** '' for an SMS published straight to a phone number (`publishSms`): no topic took part. */
  topicArn: string;
  /** '' for an SMS published straight to a phone number. */
  subscriptionArn: string;
  messageId: string;
  /** The text SNS would send: the message (email, sms) or its JSON notification (email-json). */
  body: string;
  /** Epoch ms. */
  timestamp: number;
  /** SMS only: the message's `AWS.SNS.SMS.SMSType`, else the account's `DefaultSMSType`, else Promotional. */
  smsType?: SmsType;
  /** SMS only: the message's `AWS.SNS.SMS.SenderID`, else the account's `DefaultSenderID`, if any. */
  senderId?: string;
}

/** How many recorded deliveries are kept; the oldest go first. */
export const MAX_RECORDED_DELIVERIES = 1000;

/**
 * The email and SMS deliveries of one broker, in memory only: they may carry the plaintext of an
 * encrypted topic, which must never reach disk. Lost when the process ends.
 */
export class RecordedDeliveries {
  readonly #entries: RecordedDelivery[] = [];

  record(delivery: RecordedDelivery): void {
    this.#entries.push(delivery);
    if (this.#entries.length > MAX_RECORDED_DELIVERIES) this.#entries.shift();
  }

  /** Oldest first, optionally only those to one endpoint. */
  list(endpoint?: string): RecordedDelivery[] {
    return this.#entries.filter((entry) => endpoint === undefined || entry.endpoint === endpoint);
  }
}
