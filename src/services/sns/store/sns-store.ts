import type { Db } from '../../../store/database.js';

export interface TopicRow {
  topic_id: number;
  arn: string;
  account_id: string;
  region: string;
  name: string;
  attributes_json: string;
  tags_json: string;
  data_protection_policy: string | null;
  last_sequence_number: number;
  subscriptions_deleted: number;
  created_at_ms: number;
}

export interface SubscriptionRow {
  subscription_id: number;
  arn: string;
  topic_id: number;
  topic_arn: string;
  account_id: string;
  region: string;
  protocol: string;
  endpoint: string;
  attributes_json: string;
  pending: number;
  authenticated: number;
  token: string | null;
  created_at_ms: number;
}

export interface PlatformApplicationRow {
  arn: string;
  account_id: string;
  region: string;
  name: string;
  platform: string;
  attributes_json: string;
}

export interface PlatformEndpointRow {
  arn: string;
  application_arn: string;
  token: string;
  attributes_json: string;
}

export interface SentMessageRow {
  sent_id: number;
  account_id: string;
  region: string;
  kind: string;
  target: string;
  message_json: string;
  sent_at_ms: number;
}

const SUBSCRIPTION_COLUMNS = `s.*, t.arn AS topic_arn`;

export type NewTopic = Omit<TopicRow, 'topic_id' | 'data_protection_policy' | 'last_sequence_number' | 'subscriptions_deleted'>;
export type NewSubscription = Omit<SubscriptionRow, 'subscription_id' | 'topic_arn'>;
export type NewSentMessage = Omit<SentMessageRow, 'sent_id'>;

export interface DeduplicationRow {
  message_id: string;
  sequence_number: string;
}

export interface SandboxNumberRow {
  phone_number: string;
  status: string;
}

/** Every SQL statement of SNS, prepared once when the store is built. */
export class SnsStore {
  private readonly s;

  constructor(readonly db: Db) {
    const p = (sql: string) => db.prepare(sql);
    const subscriptions = `SELECT ${SUBSCRIPTION_COLUMNS} FROM sns_subscriptions s JOIN sns_topics t ON t.topic_id = s.topic_id`;
    this.s = {
      insertTopic: p(`INSERT INTO sns_topics (arn, account_id, region, name, attributes_json, tags_json, created_at_ms)
                      VALUES (@arn, @account_id, @region, @name, @attributes_json, @tags_json, @created_at_ms)`),
      findTopic: p(`SELECT * FROM sns_topics WHERE arn = ?`),
      listTopics: p(`SELECT * FROM sns_topics WHERE account_id = ? AND region = ? AND arn > ? ORDER BY arn LIMIT ?`),
      allTopics: p(`SELECT t.*, (SELECT count(*) FROM sns_subscriptions s WHERE s.topic_id = t.topic_id) AS subscription_count
                    FROM sns_topics t ORDER BY t.account_id, t.region, t.name`),
      deleteTopic: p(`DELETE FROM sns_topics WHERE topic_id = ?`),
      updateTopicAttributes: p(`UPDATE sns_topics SET attributes_json = ? WHERE topic_id = ?`),
      updateTopicTags: p(`UPDATE sns_topics SET tags_json = ? WHERE topic_id = ?`),
      updateDataProtectionPolicy: p(`UPDATE sns_topics SET data_protection_policy = ? WHERE topic_id = ?`),
      nextSequenceNumber: p(`UPDATE sns_topics SET last_sequence_number = last_sequence_number + 1 WHERE topic_id = ? RETURNING last_sequence_number`).pluck(),
      countDeletedSubscription: p(`UPDATE sns_topics SET subscriptions_deleted = subscriptions_deleted + 1 WHERE topic_id = ?`),
      countSubscriptions: p(
        `SELECT coalesce(sum(pending), 0) AS pending, coalesce(sum(1 - pending), 0) AS confirmed FROM sns_subscriptions WHERE topic_id = ?`,
      ),

      insertSubscription:
        p(`INSERT INTO sns_subscriptions (arn, topic_id, account_id, region, protocol, endpoint, attributes_json, pending, authenticated, token, created_at_ms)
                             VALUES (@arn, @topic_id, @account_id, @region, @protocol, @endpoint, @attributes_json, @pending, @authenticated, @token, @created_at_ms)`),
      findSubscription: p(`${subscriptions} WHERE s.arn = ?`),
      findSubscriptionByToken: p(`${subscriptions} WHERE s.token = ?`),
      findSubscriptionByEndpoint: p(`${subscriptions} WHERE s.topic_id = ? AND s.protocol = ? AND s.endpoint = ?`),
      subscriptionsOfTopic: p(`${subscriptions} WHERE s.topic_id = ? ORDER BY s.subscription_id`),
      pageSubscriptionsOfTopic: p(`${subscriptions} WHERE s.topic_id = ? AND s.subscription_id > ? ORDER BY s.subscription_id LIMIT ?`),
      pageSubscriptions: p(`${subscriptions} WHERE s.account_id = ? AND s.region = ? AND s.subscription_id > ? ORDER BY s.subscription_id LIMIT ?`),
      deleteSubscription: p(`DELETE FROM sns_subscriptions WHERE subscription_id = ?`),
      updateSubscriptionAttributes: p(`UPDATE sns_subscriptions SET attributes_json = ? WHERE subscription_id = ?`),
      confirmSubscription: p(`UPDATE sns_subscriptions SET pending = 0, authenticated = ? WHERE subscription_id = ?`),

      findDeduplication: p(`SELECT message_id, sequence_number FROM sns_deduplication WHERE topic_id = ? AND deduplication_id = ? AND expires_at_ms > ?`),
      rememberDeduplication: p(
        `INSERT OR REPLACE INTO sns_deduplication (topic_id, deduplication_id, message_id, sequence_number, expires_at_ms) VALUES (?, ?, ?, ?, ?)`,
      ),

      insertPlatformApplication: p(`INSERT INTO sns_platform_applications (arn, account_id, region, name, platform, attributes_json)
                                    VALUES (@arn, @account_id, @region, @name, @platform, @attributes_json)
                                    ON CONFLICT (arn) DO UPDATE SET attributes_json = excluded.attributes_json`),
      findPlatformApplication: p(`SELECT * FROM sns_platform_applications WHERE arn = ?`),
      listPlatformApplications: p(`SELECT * FROM sns_platform_applications WHERE account_id = ? AND region = ? AND arn > ? ORDER BY arn LIMIT ?`),
      updatePlatformApplication: p(`UPDATE sns_platform_applications SET attributes_json = ? WHERE arn = ?`),
      deletePlatformApplication: p(`DELETE FROM sns_platform_applications WHERE arn = ?`),
      insertPlatformEndpoint: p(
        `INSERT INTO sns_platform_endpoints (arn, application_arn, token, attributes_json) VALUES (@arn, @application_arn, @token, @attributes_json)`,
      ),
      findPlatformEndpoint: p(`SELECT * FROM sns_platform_endpoints WHERE arn = ?`),
      findPlatformEndpointByToken: p(`SELECT * FROM sns_platform_endpoints WHERE application_arn = ? AND token = ?`),
      listPlatformEndpoints: p(`SELECT * FROM sns_platform_endpoints WHERE application_arn = ? AND arn > ? ORDER BY arn LIMIT ?`),
      updatePlatformEndpoint: p(`UPDATE sns_platform_endpoints SET attributes_json = ? WHERE arn = ?`),
      deletePlatformEndpoint: p(`DELETE FROM sns_platform_endpoints WHERE arn = ?`),

      findSmsSettings: p(`SELECT attributes_json FROM sns_sms_settings WHERE account_id = ? AND region = ?`).pluck(),
      upsertSmsSettings: p(`INSERT INTO sns_sms_settings (account_id, region, attributes_json) VALUES (?, ?, ?)
                            ON CONFLICT (account_id, region) DO UPDATE SET attributes_json = excluded.attributes_json`),
      optOut: p(`INSERT OR IGNORE INTO sns_phone_numbers_opted_out (account_id, region, phone_number) VALUES (?, ?, ?)`),
      optIn: p(`DELETE FROM sns_phone_numbers_opted_out WHERE account_id = ? AND region = ? AND phone_number = ?`),
      isOptedOut: p(`SELECT 1 FROM sns_phone_numbers_opted_out WHERE account_id = ? AND region = ? AND phone_number = ?`),
      listOptedOut: p(
        `SELECT phone_number FROM sns_phone_numbers_opted_out WHERE account_id = ? AND region = ? AND phone_number > ? ORDER BY phone_number LIMIT ?`,
      ).pluck(),
      upsertSandboxNumber: p(`INSERT INTO sns_sandbox_phone_numbers (account_id, region, phone_number, status, created_at_ms) VALUES (?, ?, ?, ?, ?)
                              ON CONFLICT (account_id, region, phone_number) DO UPDATE SET status = excluded.status`),
      findSandboxNumber: p(`SELECT phone_number, status FROM sns_sandbox_phone_numbers WHERE account_id = ? AND region = ? AND phone_number = ?`),
      deleteSandboxNumber: p(`DELETE FROM sns_sandbox_phone_numbers WHERE account_id = ? AND region = ? AND phone_number = ?`),
      listSandboxNumbers: p(
        `SELECT phone_number, status FROM sns_sandbox_phone_numbers WHERE account_id = ? AND region = ? AND phone_number > ? ORDER BY phone_number LIMIT ?`,
      ),

      insertSentMessage: p(`INSERT INTO sns_sent_messages (account_id, region, kind, target, message_json, sent_at_ms)
                            VALUES (@account_id, @region, @kind, @target, @message_json, @sent_at_ms)`),
      sentMessagesTo: p(`SELECT * FROM sns_sent_messages WHERE kind = ? AND target = ? ORDER BY sent_id`),
      sentMessagesOfKind: p(`SELECT * FROM sns_sent_messages WHERE kind = ? ORDER BY sent_id`),
    };
  }

  /** Inserts a topic and returns its topic_id. */
  insertTopic(row: NewTopic): number {
    return Number(this.s.insertTopic.run(row).lastInsertRowid);
  }
  findTopic(arn: string): TopicRow | undefined {
    return this.s.findTopic.get(arn) as TopicRow | undefined;
  }
  listTopics(accountId: string, region: string, afterArn: string, limit: number): TopicRow[] {
    return this.s.listTopics.all(accountId, region, afterArn, limit) as TopicRow[];
  }
  /** Every topic of every account and region, with its subscription count (inspection). */
  allTopics(): (TopicRow & { subscription_count: number })[] {
    return this.s.allTopics.all() as (TopicRow & { subscription_count: number })[];
  }
  deleteTopic(topicId: number): void {
    this.s.deleteTopic.run(topicId);
  }
  updateTopicAttributes(topicId: number, attributesJson: string): void {
    this.s.updateTopicAttributes.run(attributesJson, topicId);
  }
  updateTopicTags(topicId: number, tagsJson: string): void {
    this.s.updateTopicTags.run(tagsJson, topicId);
  }
  updateDataProtectionPolicy(topicId: number, policy: string): void {
    this.s.updateDataProtectionPolicy.run(policy, topicId);
  }
  nextSequenceNumber(topicId: number): number {
    return this.s.nextSequenceNumber.get(topicId) as number;
  }
  countDeletedSubscription(topicId: number): void {
    this.s.countDeletedSubscription.run(topicId);
  }
  countSubscriptions(topicId: number): { pending: number; confirmed: number } {
    return this.s.countSubscriptions.get(topicId) as { pending: number; confirmed: number };
  }

  insertSubscription(row: NewSubscription): void {
    this.s.insertSubscription.run(row);
  }
  findSubscription(arn: string): SubscriptionRow | undefined {
    return this.s.findSubscription.get(arn) as SubscriptionRow | undefined;
  }
  findSubscriptionByToken(token: string): SubscriptionRow | undefined {
    return this.s.findSubscriptionByToken.get(token) as SubscriptionRow | undefined;
  }
  findSubscriptionByEndpoint(topicId: number, protocol: string, endpoint: string): SubscriptionRow | undefined {
    return this.s.findSubscriptionByEndpoint.get(topicId, protocol, endpoint) as SubscriptionRow | undefined;
  }
  subscriptionsOfTopic(topicId: number): SubscriptionRow[] {
    return this.s.subscriptionsOfTopic.all(topicId) as SubscriptionRow[];
  }
  pageSubscriptionsOfTopic(topicId: number, afterId: number, limit: number): SubscriptionRow[] {
    return this.s.pageSubscriptionsOfTopic.all(topicId, afterId, limit) as SubscriptionRow[];
  }
  pageSubscriptions(accountId: string, region: string, afterId: number, limit: number): SubscriptionRow[] {
    return this.s.pageSubscriptions.all(accountId, region, afterId, limit) as SubscriptionRow[];
  }
  deleteSubscription(subscriptionId: number): void {
    this.s.deleteSubscription.run(subscriptionId);
  }
  updateSubscriptionAttributes(subscriptionId: number, attributesJson: string): void {
    this.s.updateSubscriptionAttributes.run(attributesJson, subscriptionId);
  }
  confirmSubscription(subscriptionId: number, authenticated: boolean): void {
    this.s.confirmSubscription.run(authenticated ? 1 : 0, subscriptionId);
  }

  findDeduplication(topicId: number, deduplicationId: string, nowMs: number): DeduplicationRow | undefined {
    return this.s.findDeduplication.get(topicId, deduplicationId, nowMs) as DeduplicationRow | undefined;
  }
  rememberDeduplication(topicId: number, deduplicationId: string, row: DeduplicationRow, expiresAtMs: number): void {
    this.s.rememberDeduplication.run(topicId, deduplicationId, row.message_id, row.sequence_number, expiresAtMs);
  }

  /** Creates the application, or replaces the attributes of the one with the same ARN. */
  insertPlatformApplication(row: PlatformApplicationRow): void {
    this.s.insertPlatformApplication.run(row);
  }
  findPlatformApplication(arn: string): PlatformApplicationRow | undefined {
    return this.s.findPlatformApplication.get(arn) as PlatformApplicationRow | undefined;
  }
  listPlatformApplications(accountId: string, region: string, afterArn: string, limit: number): PlatformApplicationRow[] {
    return this.s.listPlatformApplications.all(accountId, region, afterArn, limit) as PlatformApplicationRow[];
  }
  updatePlatformApplication(arn: string, attributesJson: string): void {
    this.s.updatePlatformApplication.run(attributesJson, arn);
  }
  deletePlatformApplication(arn: string): void {
    this.s.deletePlatformApplication.run(arn);
  }
  insertPlatformEndpoint(row: PlatformEndpointRow): void {
    this.s.insertPlatformEndpoint.run(row);
  }
  findPlatformEndpoint(arn: string): PlatformEndpointRow | undefined {
    return this.s.findPlatformEndpoint.get(arn) as PlatformEndpointRow | undefined;
  }
  findPlatformEndpointByToken(applicationArn: string, token: string): PlatformEndpointRow | undefined {
    return this.s.findPlatformEndpointByToken.get(applicationArn, token) as PlatformEndpointRow | undefined;
  }
  listPlatformEndpoints(applicationArn: string, afterArn: string, limit: number): PlatformEndpointRow[] {
    return this.s.listPlatformEndpoints.all(applicationArn, afterArn, limit) as PlatformEndpointRow[];
  }
  updatePlatformEndpoint(arn: string, attributesJson: string): void {
    this.s.updatePlatformEndpoint.run(attributesJson, arn);
  }
  deletePlatformEndpoint(arn: string): void {
    this.s.deletePlatformEndpoint.run(arn);
  }

  /** The account's SMS attributes as stored (JSON), if any were ever set. */
  smsSettingsJson(accountId: string, region: string): string | undefined {
    return this.s.findSmsSettings.get(accountId, region) as string | undefined;
  }
  upsertSmsSettings(accountId: string, region: string, attributesJson: string): void {
    this.s.upsertSmsSettings.run(accountId, region, attributesJson);
  }
  optOut(accountId: string, region: string, phoneNumber: string): void {
    this.s.optOut.run(accountId, region, phoneNumber);
  }
  optIn(accountId: string, region: string, phoneNumber: string): void {
    this.s.optIn.run(accountId, region, phoneNumber);
  }
  isOptedOut(accountId: string, region: string, phoneNumber: string): boolean {
    return this.s.isOptedOut.get(accountId, region, phoneNumber) !== undefined;
  }
  listOptedOut(accountId: string, region: string, afterNumber: string, limit: number): string[] {
    return this.s.listOptedOut.all(accountId, region, afterNumber, limit) as string[];
  }
  upsertSandboxNumber(accountId: string, region: string, phoneNumber: string, status: string, createdAtMs: number): void {
    this.s.upsertSandboxNumber.run(accountId, region, phoneNumber, status, createdAtMs);
  }
  findSandboxNumber(accountId: string, region: string, phoneNumber: string): SandboxNumberRow | undefined {
    return this.s.findSandboxNumber.get(accountId, region, phoneNumber) as SandboxNumberRow | undefined;
  }
  /** Whether there was such a number to delete. */
  deleteSandboxNumber(accountId: string, region: string, phoneNumber: string): boolean {
    return this.s.deleteSandboxNumber.run(accountId, region, phoneNumber).changes > 0;
  }
  listSandboxNumbers(accountId: string, region: string, afterNumber: string, limit: number): SandboxNumberRow[] {
    return this.s.listSandboxNumbers.all(accountId, region, afterNumber, limit) as SandboxNumberRow[];
  }

  insertSentMessage(row: NewSentMessage): void {
    this.s.insertSentMessage.run(row);
  }
  sentMessagesTo(kind: string, target: string): SentMessageRow[] {
    return this.s.sentMessagesTo.all(kind, target) as SentMessageRow[];
  }
  sentMessagesOfKind(kind: string): SentMessageRow[] {
    return this.s.sentMessagesOfKind.all(kind) as SentMessageRow[];
  }
}
