import type { PushPlatform } from '@sealbus/core';
import type { PlatformApplicationMissing, PlatformEndpointMissing } from './StoreMiss.js';

/**
 * The SNS mobile-push resources of a `MessageStore` (`store.platforms`): platform applications
 * and their endpoints. Plain records, atomic per call, no SNS rule: the engine validates
 * attributes and builds every AWS error. The same rules as `MessageStore` bind it.
 */
export interface PlatformStore {
  /** Inserts the application unless one with that ARN exists; returns the stored record. */
  createApplication(
    record: PlatformApplicationRecord,
  ): Promise<{ created: boolean; record: PlatformApplicationRecord }>;
  getApplication(arn: string): Promise<PlatformApplicationRecord | undefined>;
  /** Sorted by ARN. */
  listApplications(): Promise<PlatformApplicationRecord[]>;
  /** Replaces the attributes and the credential digest (`null` clears it, absent keeps it). */
  updateApplication(
    arn: string,
    patch: PlatformApplicationPatch,
  ): Promise<PlatformApplicationRecord | PlatformApplicationMissing>;
  /** Removes the application and all its endpoints. False if absent. */
  deleteApplication(arn: string): Promise<boolean>;

  /**
   * Inserts the endpoint unless its application already has one with this `token`: then that
   * one is returned unchanged (`created: false`). A missing application is a miss.
   */
  createEndpoint(
    record: PlatformEndpointRecord,
  ): Promise<{ created: boolean; record: PlatformEndpointRecord } | PlatformApplicationMissing>;
  getEndpoint(arn: string): Promise<PlatformEndpointRecord | undefined>;
  /** The endpoints of one application, sorted by ARN. */
  listEndpoints(applicationArn: string): Promise<PlatformEndpointRecord[]>;
  updateEndpoint(
    arn: string,
    patch: PlatformEndpointPatch,
  ): Promise<PlatformEndpointRecord | PlatformEndpointMissing>;
  deleteEndpoint(arn: string): Promise<boolean>;
}

export interface PlatformApplicationRecord {
  arn: string;
  name: string;
  platform: PushPlatform;
  /** Every attribute but `PlatformCredential` and `PlatformPrincipal`, which never reach a store. */
  attributes: Record<string, string>;
  /** SHA-256 (hex) of the credential and principal; never the credential itself. */
  credentialDigest?: string;
  /** Epoch ms. */
  createdTimestamp: number;
}

export interface PlatformApplicationPatch {
  attributes: Record<string, string>;
  credentialDigest?: string | null;
}

export interface PlatformEndpointRecord {
  arn: string;
  applicationArn: string;
  /** The device token; unique within the application. */
  token: string;
  /** `Enabled`, `CustomUserData` and platform extras (Baidu `ChannelId`, `UserId`); not `Token`. */
  attributes: Record<string, string>;
  /** Epoch ms. */
  createdTimestamp: number;
}

export interface PlatformEndpointPatch {
  token: string;
  attributes: Record<string, string>;
}
