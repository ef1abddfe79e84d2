import type { Statement } from 'better-sqlite3';
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

/** Every SQL statement of SNS, prepared once. */
export class SnsStore {
  readonly insertTopic: Statement<[string, string, string, string, string, string, number]>;
  readonly findTopic: Statement<[string], TopicRow>;
  readonly listTopics: Statement<[string, string, string, number], TopicRow>;
  /** Every topic of every account and region, with its subscription count (inspection). */
  readonly allTopics: Statement<[], TopicRow & { subscription_count: number }>;
  readonly deleteTopic: Statement<[number]>;
  readonly updateTopicAttributes: Statement<[string, number]>;
  readonly updateTopicTags: Statement<[string, number]>;
  readonly updateDataProtectionPolicy: Statement<[string, number]>;
  readonly nextSequenceNumber: Statement<[number], { last_sequence_number: number }>;
  readonly countDeletedSubscription: Statement<[number]>;
  readonly countSubscriptions: Statement<[number], { pending: number; confirmed: number }>;

  readonly insertSubscription: Statement<[string, number, string, string, string, string, string, number, number, string | null, number]>;
  readonly findSubscription: Statement<[string], SubscriptionRow>;
  readonly findSubscriptionByToken: Statement<[string], SubscriptionRow>;
  readonly findSubscriptionByEndpoint: Statement<[number, string, string], SubscriptionRow>;
  readonly subscriptionsOfTopic: Statement<[number], SubscriptionRow>;
  readonly pageSubscriptionsOfTopic: Statement<[number, number, number], SubscriptionRow>;
  readonly pageSubscriptions: Statement<[string, string, number, number], SubscriptionRow>;
  readonly deleteSubscription: Statement<[number]>;
  readonly updateSubscriptionAttributes: Statement<[string, number]>;
  readonly confirmSubscription: Statement<[number, number]>;

  readonly findDeduplication: Statement<[number, string, number], { message_id: string; sequence_number: string }>;
  readonly upsertDeduplication: Statement<[number, string, string, string, number]>;

  readonly insertPlatformApplication: Statement<[string, string, string, string, string, string]>;
  readonly findPlatformApplication: Statement<[string], PlatformApplicationRow>;
  readonly listPlatformApplications: Statement<[string, string, string, number], PlatformApplicationRow>;
  readonly updatePlatformApplication: Statement<[string, string]>;
  readonly deletePlatformApplication: Statement<[string]>;
  readonly insertPlatformEndpoint: Statement<[string, string, string, string]>;
  readonly findPlatformEndpoint: Statement<[string], PlatformEndpointRow>;
  readonly findPlatformEndpointByToken: Statement<[string, string], PlatformEndpointRow>;
  readonly listPlatformEndpoints: Statement<[string, string, number], PlatformEndpointRow>;
  readonly updatePlatformEndpoint: Statement<[string, string]>;
  readonly deletePlatformEndpoint: Statement<[string]>;

  readonly findSmsSettings: Statement<[string, string], { attributes_json: string }>;
  readonly upsertSmsSettings: Statement<[string, string, string]>;
  readonly optOut: Statement<[string, string, string]>;
  readonly optIn: Statement<[string, string, string]>;
  readonly isOptedOut: Statement<[string, string, string], { phone_number: string }>;
  readonly listOptedOut: Statement<[string, string, string, number], { phone_number: string }>;
  readonly upsertSandboxNumber: Statement<[string, string, string, string, number]>;
  readonly findSandboxNumber: Statement<[string, string, string], { phone_number: string; status: string }>;
  readonly deleteSandboxNumber: Statement<[string, string, string]>;
  readonly listSandboxNumbers: Statement<[string, string, string, number], { phone_number: string; status: string }>;

  readonly insertSentMessage: Statement<[string, string, string, string, string, number]>;
  readonly sentMessagesTo: Statement<[string, string], SentMessageRow>;
  readonly sentMessagesOfKind: Statement<[string], SentMessageRow>;

  constructor(readonly db: Db) {
    this.insertTopic = db.prepare(
      `INSERT INTO sns_topics (arn, account_id, region, name, attributes_json, tags_json, created_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    this.findTopic = db.prepare(`SELECT * FROM sns_topics WHERE arn = ?`);
    this.listTopics = db.prepare(`SELECT * FROM sns_topics WHERE account_id = ? AND region = ? AND arn > ? ORDER BY arn LIMIT ?`);
    this.allTopics = db.prepare(
      `SELECT t.*, (SELECT count(*) FROM sns_subscriptions s WHERE s.topic_id = t.topic_id) AS subscription_count
       FROM sns_topics t ORDER BY t.account_id, t.region, t.name`,
    );
    this.deleteTopic = db.prepare(`DELETE FROM sns_topics WHERE topic_id = ?`);
    this.updateTopicAttributes = db.prepare(`UPDATE sns_topics SET attributes_json = ? WHERE topic_id = ?`);
    this.updateTopicTags = db.prepare(`UPDATE sns_topics SET tags_json = ? WHERE topic_id = ?`);
    this.updateDataProtectionPolicy = db.prepare(`UPDATE sns_topics SET data_protection_policy = ? WHERE topic_id = ?`);
    this.nextSequenceNumber = db.prepare(
      `UPDATE sns_topics SET last_sequence_number = last_sequence_number + 1 WHERE topic_id = ? RETURNING last_sequence_number`,
    );
    this.countDeletedSubscription = db.prepare(`UPDATE sns_topics SET subscriptions_deleted = subscriptions_deleted + 1 WHERE topic_id = ?`);
    this.countSubscriptions = db.prepare(
      `SELECT coalesce(sum(pending), 0) AS pending, coalesce(sum(1 - pending), 0) AS confirmed FROM sns_subscriptions WHERE topic_id = ?`,
    );

    this.insertSubscription = db.prepare(
      `INSERT INTO sns_subscriptions (arn, topic_id, account_id, region, protocol, endpoint, attributes_json, pending, authenticated, token, created_at_ms)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const subscriptions = `SELECT ${SUBSCRIPTION_COLUMNS} FROM sns_subscriptions s JOIN sns_topics t ON t.topic_id = s.topic_id`;
    this.findSubscription = db.prepare(`${subscriptions} WHERE s.arn = ?`);
    this.findSubscriptionByToken = db.prepare(`${subscriptions} WHERE s.token = ?`);
    this.findSubscriptionByEndpoint = db.prepare(`${subscriptions} WHERE s.topic_id = ? AND s.protocol = ? AND s.endpoint = ?`);
    this.subscriptionsOfTopic = db.prepare(`${subscriptions} WHERE s.topic_id = ? ORDER BY s.subscription_id`);
    this.pageSubscriptionsOfTopic = db.prepare(`${subscriptions} WHERE s.topic_id = ? AND s.subscription_id > ? ORDER BY s.subscription_id LIMIT ?`);
    this.pageSubscriptions = db.prepare(
      `${subscriptions} WHERE s.account_id = ? AND s.region = ? AND s.subscription_id > ? ORDER BY s.subscription_id LIMIT ?`,
    );
    this.deleteSubscription = db.prepare(`DELETE FROM sns_subscriptions WHERE subscription_id = ?`);
    this.updateSubscriptionAttributes = db.prepare(`UPDATE sns_subscriptions SET attributes_json = ? WHERE subscription_id = ?`);
    this.confirmSubscription = db.prepare(`UPDATE sns_subscriptions SET pending = 0, authenticated = ? WHERE subscription_id = ?`);

    this.findDeduplication = db.prepare(
      `SELECT message_id, sequence_number FROM sns_deduplication WHERE topic_id = ? AND deduplication_id = ? AND expires_at_ms > ?`,
    );
    this.upsertDeduplication = db.prepare(
      `INSERT OR REPLACE INTO sns_deduplication (topic_id, deduplication_id, message_id, sequence_number, expires_at_ms) VALUES (?, ?, ?, ?, ?)`,
    );

    this.insertPlatformApplication = db.prepare(
      `INSERT INTO sns_platform_applications (arn, account_id, region, name, platform, attributes_json) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (arn) DO UPDATE SET attributes_json = excluded.attributes_json`,
    );
    this.findPlatformApplication = db.prepare(`SELECT * FROM sns_platform_applications WHERE arn = ?`);
    this.listPlatformApplications = db.prepare(
      `SELECT * FROM sns_platform_applications WHERE account_id = ? AND region = ? AND arn > ? ORDER BY arn LIMIT ?`,
    );
    this.updatePlatformApplication = db.prepare(`UPDATE sns_platform_applications SET attributes_json = ? WHERE arn = ?`);
    this.deletePlatformApplication = db.prepare(`DELETE FROM sns_platform_applications WHERE arn = ?`);
    this.insertPlatformEndpoint = db.prepare(`INSERT INTO sns_platform_endpoints (arn, application_arn, token, attributes_json) VALUES (?, ?, ?, ?)`);
    this.findPlatformEndpoint = db.prepare(`SELECT * FROM sns_platform_endpoints WHERE arn = ?`);
    this.findPlatformEndpointByToken = db.prepare(`SELECT * FROM sns_platform_endpoints WHERE application_arn = ? AND token = ?`);
    this.listPlatformEndpoints = db.prepare(`SELECT * FROM sns_platform_endpoints WHERE application_arn = ? AND arn > ? ORDER BY arn LIMIT ?`);
    this.updatePlatformEndpoint = db.prepare(`UPDATE sns_platform_endpoints SET attributes_json = ? WHERE arn = ?`);
    this.deletePlatformEndpoint = db.prepare(`DELETE FROM sns_platform_endpoints WHERE arn = ?`);

    this.findSmsSettings = db.prepare(`SELECT attributes_json FROM sns_sms_settings WHERE account_id = ? AND region = ?`);
    this.upsertSmsSettings = db.prepare(
      `INSERT INTO sns_sms_settings (account_id, region, attributes_json) VALUES (?, ?, ?)
       ON CONFLICT (account_id, region) DO UPDATE SET attributes_json = excluded.attributes_json`,
    );
    this.optOut = db.prepare(`INSERT OR IGNORE INTO sns_phone_numbers_opted_out (account_id, region, phone_number) VALUES (?, ?, ?)`);
    this.optIn = db.prepare(`DELETE FROM sns_phone_numbers_opted_out WHERE account_id = ? AND region = ? AND phone_number = ?`);
    this.isOptedOut = db.prepare(`SELECT phone_number FROM sns_phone_numbers_opted_out WHERE account_id = ? AND region = ? AND phone_number = ?`);
    this.listOptedOut = db.prepare(
      `SELECT phone_number FROM sns_phone_numbers_opted_out WHERE account_id = ? AND region = ? AND phone_number > ? ORDER BY phone_number LIMIT ?`,
    );
    this.upsertSandboxNumber = db.prepare(
      `INSERT INTO sns_sandbox_phone_numbers (account_id, region, phone_number, status, created_at_ms) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (account_id, region, phone_number) DO UPDATE SET status = excluded.status`,
    );
    this.findSandboxNumber = db.prepare(
      `SELECT phone_number, status FROM sns_sandbox_phone_numbers WHERE account_id = ? AND region = ? AND phone_number = ?`,
    );
    this.deleteSandboxNumber = db.prepare(`DELETE FROM sns_sandbox_phone_numbers WHERE account_id = ? AND region = ? AND phone_number = ?`);
    this.listSandboxNumbers = db.prepare(
      `SELECT phone_number, status FROM sns_sandbox_phone_numbers WHERE account_id = ? AND region = ? AND phone_number > ? ORDER BY phone_number LIMIT ?`,
    );

    this.insertSentMessage = db.prepare(
      `INSERT INTO sns_sent_messages (account_id, region, kind, target, message_json, sent_at_ms) VALUES (?, ?, ?, ?, ?, ?)`,
    );
    this.sentMessagesTo = db.prepare(`SELECT * FROM sns_sent_messages WHERE kind = ? AND target = ? ORDER BY sent_id`);
    this.sentMessagesOfKind = db.prepare(`SELECT * FROM sns_sent_messages WHERE kind = ? ORDER BY sent_id`);
  }
}
