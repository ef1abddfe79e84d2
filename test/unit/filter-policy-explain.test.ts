import { describe, expect, it } from 'vitest';
import {
  explainAttributesMismatch,
  explainBodyMismatch,
  matchesAttributes,
  matchesBody,
  parseFilterPolicy,
} from '../../src/services/sns/engine/filter-policy.js';

type Attrs = Record<string, { Type: string; Value: string }>;
const s = (Value: string) => ({ Type: 'String', Value });
const n = (Value: number) => ({ Type: 'Number', Value: String(Value) });

/** The explanation the delivery log shows, checked to come only after a real mismatch. */
function whyNotAttributes(policy: object, attributes: Attrs): string {
  const parsed = parseFilterPolicy(JSON.stringify(policy), 'MessageAttributes');
  expect(matchesAttributes(parsed, attributes)).toBe(false);
  return explainAttributesMismatch(parsed, attributes);
}
function whyNotBody(policy: object, body: string): string {
  const parsed = parseFilterPolicy(JSON.stringify(policy), 'MessageBody');
  expect(matchesBody(parsed, body)).toBe(false);
  return explainBodyMismatch(parsed, body);
}

describe('why a filter policy turned a message away', () => {
  it('names the first key whose attribute value matched none of its rules', () => {
    expect(whyNotAttributes({ store: ['example_corp'], event: ['order_placed'] }, { store: s('example_corp'), event: s('order_canceled') })).toBe(
      'Filter policy key "event" did not match the message attribute value "order_canceled"',
    );
    expect(whyNotAttributes({ price_usd: [{ numeric: ['>', 300] }] }, { price_usd: n(210.75) })).toBe(
      'Filter policy key "price_usd" did not match the message attribute value 210.75',
    );
  });

  it('names a key the message has no attribute for', () => {
    expect(whyNotAttributes({ store: ['example_corp'], event: ['order_placed'] }, { store: s('example_corp') })).toBe(
      'Filter policy key "event" did not match: the message has no attribute "event"',
    );
  });

  it('says so when the message has no attributes at all', () => {
    expect(whyNotAttributes({ store: ['example_corp'] }, {})).toBe('The message has no message attributes (FilterPolicyScope MessageAttributes)');
  });

  it('names a key that should not exist but does', () => {
    expect(whyNotAttributes({ coupon: [{ exists: false }] }, { coupon: s('SAVE10') })).toBe(
      'Filter policy key "coupon" did not match the message attribute value "SAVE10"',
    );
  });

  it('gives the reason of each "$or" alternative', () => {
    expect(whyNotAttributes({ $or: [{ source: ['aws.cloudwatch'] }, { metricName: ['CPUUtilization'] }] }, { source: s('aws.ec2') })).toBe(
      'No "$or" alternative matched: Filter policy key "source" did not match the message attribute value "aws.ec2"; Filter policy key "metricName" did not match: the message has no attribute "metricName"',
    );
  });

  it('names nested body keys by their path, with the value found there', () => {
    const policy = { order: { status: ['shipped'] } };
    expect(whyNotBody(policy, JSON.stringify({ order: { status: 'pending' } }))).toBe(
      'Filter policy key "order.status" did not match the message body value "pending"',
    );
    expect(whyNotBody(policy, JSON.stringify({ order: {} }))).toBe('Filter policy key "order.status" did not match: the message body has no "order.status"');
    expect(whyNotBody({ tags: ['urgent'] }, JSON.stringify({ tags: ['low', 7] }))).toBe(
      'Filter policy key "tags" did not match the message body value "low", 7',
    );
  });

  it('says so when the body is not a JSON object', () => {
    expect(whyNotBody({ status: ['shipped'] }, 'plain text')).toBe('The message body is not a JSON object (FilterPolicyScope MessageBody)');
    expect(whyNotBody({ status: ['shipped'] }, '["shipped"]')).toBe('The message body is not a JSON object (FilterPolicyScope MessageBody)');
  });
});
