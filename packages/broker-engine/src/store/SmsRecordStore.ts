/**
 * The SMS state of the account in one region, as plain records: the attributes of
 * `SetSMSAttributes` and each phone number's opt-out entry. No rule lives here (the 30-day
 * opt-in limit, validation and paging are the engine's); each call is atomic.
 */
export interface SmsRecordStore {
  /** The SMS attributes as last set, name → value. */
  getSmsAttributes(): Promise<Record<string, string>>;
  /** Sets these names in one step; names not given keep their values. */
  setSmsAttributes(attributes: Readonly<Record<string, string>>): Promise<void>;
  getPhoneNumber(phoneNumber: string): Promise<PhoneNumberRecord | undefined>;
  /** Inserts the record of `record.phoneNumber`, or replaces it whole. */
  savePhoneNumber(record: PhoneNumberRecord): Promise<void>;
  /**
   * The numbers whose record is opted out, in ascending string order, only those after
   * `request.after` when given, at most `request.limit`.
   */
  listOptedOutPhoneNumbers(request: { after?: string; limit: number }): Promise<string[]>;
}

/** One phone number's place on the opt-out list. */
export interface PhoneNumberRecord {
  /** E.164. */
  phoneNumber: string;
  optedOut: boolean;
  /** Epoch ms of the last opt-out. */
  optedOutTimestamp?: number;
  /** Epoch ms of the last `OptInPhoneNumber`. */
  optedInTimestamp?: number;
}
