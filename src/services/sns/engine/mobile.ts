import { platformApplicationArnOf } from '../../../arn.js';
import { ids } from '../../../ids.js';
import type { Clock } from '../../../clock.js';
import { AwsError } from '../../../errors.js';
import { snsErrors } from '../errors.js';
import type { PlatformApplicationRow, PlatformEndpointRow, SnsStore } from '../store/sns-store.js';
import type { Owner } from './types.js';
import { transactionRunner, type InTransaction } from '../../../store/transaction.js';

/** Platforms CreatePlatformApplication accepts. */
export const PLATFORMS = new Set(['ADM', 'APNS', 'APNS_SANDBOX', 'APNS_VOIP', 'APNS_VOIP_SANDBOX', 'BAIDU', 'GCM', 'MACOS', 'MACOS_SANDBOX', 'MPNS', 'WNS']);

/** The SMS account attributes AWS reports, with their defaults. */
const SMS_DEFAULTS: Record<string, string> = {
  MonthlySpendLimit: '1',
  DefaultSMSType: 'Promotional',
};

/**
 * Mobile push (platform applications and endpoints), SMS settings, opt-outs and the SMS
 * sandbox: stored and answered as AWS would; nothing leaves wharf.
 */
export class SnsMobile {
  private readonly inTransaction: InTransaction;

  constructor(
    private readonly store: SnsStore,
    private readonly clock: Clock,
  ) {
    this.inTransaction = transactionRunner(store.db);
  }

  createPlatformApplication(owner: Owner, name: string, platform: string, attributes: Record<string, string>): string {
    const arn = platformApplicationArnOf({ ...owner, name }, platform);
    const stored: Record<string, string> = { Enabled: 'true', ...attributes };
    // Credentials are write-only on AWS: never returned by GetPlatformApplicationAttributes.
    delete stored.PlatformCredential;
    delete stored.PlatformPrincipal;
    this.store.insertPlatformApplication({ arn, account_id: owner.accountId, region: owner.region, name, platform, attributes_json: JSON.stringify(stored) });
    return arn;
  }

  platformApplication(arn: string): PlatformApplicationRow {
    const row = this.store.findPlatformApplication(arn);
    if (!row) throw snsErrors.notFound('PlatformApplication does not exist');
    return row;
  }

  setPlatformApplicationAttributes(arn: string, attributes: Record<string, string>): void {
    this.inTransaction(() => {
      const row = this.platformApplication(arn);
      const merged = { ...(JSON.parse(row.attributes_json) as Record<string, string>), ...attributes };
      delete merged.PlatformCredential;
      delete merged.PlatformPrincipal;
      this.store.updatePlatformApplication(arn, JSON.stringify(merged));
    });
  }

  deletePlatformApplication(arn: string): void {
    this.store.deletePlatformApplication(arn);
  }

  listPlatformApplications(owner: Owner, afterArn: string, limit: number): PlatformApplicationRow[] {
    return this.store.listPlatformApplications(owner.accountId, owner.region, afterArn, limit);
  }

  /** Creates an endpoint, or returns the one with the same token and attributes. */
  createPlatformEndpoint(applicationArn: string, token: string, attributes: Record<string, string>): string {
    return this.inTransaction(() => {
      this.platformApplication(applicationArn);
      const wanted = { Enabled: 'true', ...attributes, Token: token };
      const existing = this.store.findPlatformEndpointByToken(applicationArn, token);
      if (existing) {
        if (!sameAttributes(JSON.parse(existing.attributes_json) as Record<string, string>, wanted)) {
          throw snsErrors.invalidParameter(`Token Reason: Endpoint ${existing.arn} already exists with the same Token, but different attributes.`);
        }
        return existing.arn;
      }
      const arn = `${applicationArn.replace(':app/', ':endpoint/')}/${ids.resourceSuffix()}`;
      this.store.insertPlatformEndpoint({ arn, application_arn: applicationArn, token, attributes_json: JSON.stringify(wanted) });
      return arn;
    });
  }

  platformEndpoint(arn: string): PlatformEndpointRow {
    const row = this.store.findPlatformEndpoint(arn);
    if (!row) throw snsErrors.notFound('Endpoint does not exist');
    return row;
  }

  /** The endpoint, or undefined when there is none (a publish answers that with its own message). */
  findPlatformEndpoint(arn: string): PlatformEndpointRow | undefined {
    return this.store.findPlatformEndpoint(arn);
  }

  setEndpointAttributes(arn: string, attributes: Record<string, string>): void {
    this.inTransaction(() => {
      const row = this.platformEndpoint(arn);
      const merged = { ...(JSON.parse(row.attributes_json) as Record<string, string>), ...attributes };
      this.store.updatePlatformEndpoint(arn, JSON.stringify(merged));
    });
  }

  deleteEndpoint(arn: string): void {
    this.store.deletePlatformEndpoint(arn);
  }

  listEndpoints(applicationArn: string, afterArn: string, limit: number): PlatformEndpointRow[] {
    this.platformApplication(applicationArn);
    return this.store.listPlatformEndpoints(applicationArn, afterArn, limit);
  }

  // ── SMS ───────────────────────────────────────────────────────────────────────────────

  smsAttributes(owner: Owner): Record<string, string> {
    const stored = this.store.smsSettingsJson(owner.accountId, owner.region);
    return { ...SMS_DEFAULTS, ...(stored ? (JSON.parse(stored) as Record<string, string>) : {}) };
  }

  setSmsAttributes(owner: Owner, attributes: Record<string, string>): void {
    this.inTransaction(() => {
      const merged = { ...this.smsAttributes(owner), ...attributes };
      this.store.upsertSmsSettings(owner.accountId, owner.region, JSON.stringify(merged));
    });
  }

  optOut(owner: Owner, phoneNumber: string): void {
    this.store.optOut(owner.accountId, owner.region, phoneNumber);
  }

  optIn(owner: Owner, phoneNumber: string): void {
    this.store.optIn(owner.accountId, owner.region, phoneNumber);
  }

  isOptedOut(owner: Owner, phoneNumber: string): boolean {
    return this.store.isOptedOut(owner.accountId, owner.region, phoneNumber);
  }

  optedOut(owner: Owner, after: string, limit: number): string[] {
    return this.store.listOptedOut(owner.accountId, owner.region, after, limit);
  }

  createSandboxNumber(owner: Owner, phoneNumber: string): void {
    this.store.upsertSandboxNumber(owner.accountId, owner.region, phoneNumber, 'Pending', this.clock.now());
  }

  /** wharf accepts any one-time password: there is no phone to send one to. */
  verifySandboxNumber(owner: Owner, phoneNumber: string): void {
    this.inTransaction(() => {
      if (!this.store.findSandboxNumber(owner.accountId, owner.region, phoneNumber)) {
        throw new AwsError('ResourceNotFoundException', 'Phone number does not exist in the sandbox.');
      }
      this.store.upsertSandboxNumber(owner.accountId, owner.region, phoneNumber, 'Verified', this.clock.now());
    });
  }

  deleteSandboxNumber(owner: Owner, phoneNumber: string): boolean {
    return this.store.deleteSandboxNumber(owner.accountId, owner.region, phoneNumber);
  }

  sandboxNumbers(owner: Owner, after: string, limit: number): { phone_number: string; status: string }[] {
    return this.store.listSandboxNumbers(owner.accountId, owner.region, after, limit);
  }
}

function sameAttributes(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => a[k] === b[k]);
}
