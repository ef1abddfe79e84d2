import { randomUUID } from 'node:crypto';
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
    const arn = `arn:aws:sns:${owner.region}:${owner.accountId}:app/${platform}/${name}`;
    const stored: Record<string, string> = { Enabled: 'true', ...attributes };
    // Credentials are write-only on AWS: never returned by GetPlatformApplicationAttributes.
    delete stored.PlatformCredential;
    delete stored.PlatformPrincipal;
    this.store.insertPlatformApplication.run(arn, owner.accountId, owner.region, name, platform, JSON.stringify(stored));
    return arn;
  }

  platformApplication(arn: string): PlatformApplicationRow {
    const row = this.store.findPlatformApplication.get(arn);
    if (!row) throw snsErrors.notFound('PlatformApplication does not exist');
    return row;
  }

  setPlatformApplicationAttributes(arn: string, attributes: Record<string, string>): void {
    this.inTransaction(() => {
      const row = this.platformApplication(arn);
      const merged = { ...(JSON.parse(row.attributes_json) as Record<string, string>), ...attributes };
      delete merged.PlatformCredential;
      delete merged.PlatformPrincipal;
      this.store.updatePlatformApplication.run(JSON.stringify(merged), arn);
    });
  }

  deletePlatformApplication(arn: string): void {
    this.store.deletePlatformApplication.run(arn);
  }

  listPlatformApplications(owner: Owner, afterArn: string, limit: number): PlatformApplicationRow[] {
    return this.store.listPlatformApplications.all(owner.accountId, owner.region, afterArn, limit);
  }

  /** Creates an endpoint, or returns the one with the same token and attributes. */
  createPlatformEndpoint(applicationArn: string, token: string, attributes: Record<string, string>): string {
    return this.inTransaction(() => {
      this.platformApplication(applicationArn);
      const wanted = { Enabled: 'true', ...attributes, Token: token };
      const existing = this.store.findPlatformEndpointByToken.get(applicationArn, token);
      if (existing) {
        if (!sameAttributes(JSON.parse(existing.attributes_json) as Record<string, string>, wanted)) {
          throw snsErrors.invalidParameter(`Token Reason: Endpoint ${existing.arn} already exists with the same Token, but different attributes.`);
        }
        return existing.arn;
      }
      const arn = `${applicationArn.replace(':app/', ':endpoint/')}/${randomUUID()}`;
      this.store.insertPlatformEndpoint.run(arn, applicationArn, token, JSON.stringify(wanted));
      return arn;
    });
  }

  platformEndpoint(arn: string): PlatformEndpointRow {
    const row = this.store.findPlatformEndpoint.get(arn);
    if (!row) throw snsErrors.notFound('Endpoint does not exist');
    return row;
  }

  setEndpointAttributes(arn: string, attributes: Record<string, string>): void {
    this.inTransaction(() => {
      const row = this.platformEndpoint(arn);
      const merged = { ...(JSON.parse(row.attributes_json) as Record<string, string>), ...attributes };
      this.store.updatePlatformEndpoint.run(JSON.stringify(merged), arn);
    });
  }

  deleteEndpoint(arn: string): void {
    this.store.deletePlatformEndpoint.run(arn);
  }

  listEndpoints(applicationArn: string, afterArn: string, limit: number): PlatformEndpointRow[] {
    this.platformApplication(applicationArn);
    return this.store.listPlatformEndpoints.all(applicationArn, afterArn, limit);
  }

  // ── SMS ───────────────────────────────────────────────────────────────────────────────

  smsAttributes(owner: Owner): Record<string, string> {
    const row = this.store.findSmsSettings.get(owner.accountId, owner.region);
    return { ...SMS_DEFAULTS, ...(row ? (JSON.parse(row.attributes_json) as Record<string, string>) : {}) };
  }

  setSmsAttributes(owner: Owner, attributes: Record<string, string>): void {
    this.inTransaction(() => {
      const merged = { ...this.smsAttributes(owner), ...attributes };
      this.store.upsertSmsSettings.run(owner.accountId, owner.region, JSON.stringify(merged));
    });
  }

  optOut(owner: Owner, phoneNumber: string): void {
    this.store.optOut.run(owner.accountId, owner.region, phoneNumber);
  }

  optIn(owner: Owner, phoneNumber: string): void {
    this.store.optIn.run(owner.accountId, owner.region, phoneNumber);
  }

  isOptedOut(owner: Owner, phoneNumber: string): boolean {
    return this.store.isOptedOut.get(owner.accountId, owner.region, phoneNumber) !== undefined;
  }

  optedOut(owner: Owner, after: string, limit: number): string[] {
    return this.store.listOptedOut.all(owner.accountId, owner.region, after, limit).map((r) => r.phone_number);
  }

  createSandboxNumber(owner: Owner, phoneNumber: string): void {
    this.store.upsertSandboxNumber.run(owner.accountId, owner.region, phoneNumber, 'Pending', this.clock.now());
  }

  /** wharf accepts any one-time password: there is no phone to send one to. */
  verifySandboxNumber(owner: Owner, phoneNumber: string): void {
    this.inTransaction(() => {
      if (!this.store.findSandboxNumber.get(owner.accountId, owner.region, phoneNumber)) {
        throw new AwsError('ResourceNotFoundException', 'Phone number does not exist in the sandbox.');
      }
      this.store.upsertSandboxNumber.run(owner.accountId, owner.region, phoneNumber, 'Verified', this.clock.now());
    });
  }

  deleteSandboxNumber(owner: Owner, phoneNumber: string): boolean {
    return this.store.deleteSandboxNumber.run(owner.accountId, owner.region, phoneNumber).changes > 0;
  }

  sandboxNumbers(owner: Owner, after: string, limit: number): { phone_number: string; status: string }[] {
    return this.store.listSandboxNumbers.all(owner.accountId, owner.region, after, limit);
  }
}

function sameAttributes(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => a[k] === b[k]);
}
