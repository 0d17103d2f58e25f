/**
 * The push notification services SNS `CreatePlatformApplication` accepts as `Platform`
 * (ADM, APNS, APNS_SANDBOX, BAIDU, GCM = Firebase Cloud Messaging, MPNS, WNS).
 */
export const PUSH_PLATFORMS = [
  'ADM',
  'APNS',
  'APNS_SANDBOX',
  'BAIDU',
  'GCM',
  'MPNS',
  'WNS',
] as const;
export type PushPlatform = (typeof PUSH_PLATFORMS)[number];

/** An SNS platform application: the credentials of one app on one push service. */
export interface PlatformApplication {
  /** `arn:aws:sns:<region>:<account>:app/<platform>/<name>`. */
  readonly arn: string;
  readonly name: string;
  readonly platform: PushPlatform;
  /**
   * As `GetPlatformApplicationAttributes` returns them: never `PlatformCredential` or
   * `PlatformPrincipal`, which SNS does not return either.
   */
  readonly attributes: Readonly<Record<string, string>>;
}

/** An SNS platform endpoint: one app on one device (its device token). */
export interface PlatformEndpoint {
  /** `arn:aws:sns:<region>:<account>:endpoint/<platform>/<application name>/<uuid>`. */
  readonly arn: string;
  readonly applicationArn: string;
  /** `Token`, `Enabled` (`true`/`false`) and, when set, `CustomUserData`. */
  readonly attributes: Readonly<Record<string, string>>;
}
