import type { PublishOptions } from './messages.js';

/** The SMS attributes of an account in one region, as SNS `SetSMSAttributes` names them. */
export type SmsAttributeName =
  | 'MonthlySpendLimit'
  | 'DeliveryStatusIAMRole'
  | 'DeliveryStatusSuccessSamplingRate'
  | 'DefaultSenderID'
  | 'DefaultSMSType'
  | 'UsageReportS3Bucket';

/** Attribute values are strings on the wire, as SNS takes and returns them. */
export type SmsAttributes = Partial<Record<SmsAttributeName, string>>;

/** `Promotional` (SNS's default: cost first) or `Transactional` (reliability first). */
export type SmsType = 'Promotional' | 'Transactional';

/** One page of `ListPhoneNumbersOptedOut`. */
export interface OptedOutPage {
  phoneNumbers: string[];
  /** Pass to the next call for the next page; absent on the last page. */
  nextToken?: string;
}

/** `Publish` with `PhoneNumber`: the message attributes (`AWS.SNS.SMS.*`) and a subject SMS ignores. */
export type SmsPublishOptions = Pick<PublishOptions, 'messageAttributes' | 'subject'>;
