import { describe, expect, it } from 'vitest';
import { FilterPolicyError, matchesAttributes, matchesBody, parseFilterPolicy, type FilterPolicyScope } from '../../src/services/sns/engine/filter-policy.js';

type Attrs = Record<string, { Type: string; Value: string }>;
const s = (Value: string) => ({ Type: 'String', Value });
const n = (Value: number) => ({ Type: 'Number', Value: String(Value) });
const arr = (values: unknown[]) => ({ Type: 'String.Array', Value: JSON.stringify(values) });

function onAttributes(policy: object, attributes: Attrs): boolean {
  return matchesAttributes(parseFilterPolicy(JSON.stringify(policy), 'MessageAttributes'), attributes);
}
function onBody(policy: object, body: unknown): boolean {
  return matchesBody(parseFilterPolicy(JSON.stringify(policy), 'MessageBody'), typeof body === 'string' ? body : JSON.stringify(body));
}
function refusal(policy: unknown, scope: FilterPolicyScope = 'MessageAttributes'): string {
  try {
    parseFilterPolicy(typeof policy === 'string' ? policy : JSON.stringify(policy), scope);
  } catch (err) {
    if (err instanceof FilterPolicyError) return err.reason;
    throw err;
  }
  throw new Error('expected the policy to be refused');
}

// Examples from https://docs.aws.amazon.com/sns/latest/dg/sns-subscription-filter-policies.html
describe('filter policies on message attributes', () => {
  const order = { store: s('example_corp'), event: s('order_placed'), customer_interests: arr(['soccer', 'rugby', 'hockey']), price_usd: n(210.75) };

  it('matches exact strings (OR within a key, AND across keys)', () => {
    expect(onAttributes({ store: ['example_corp'], event: ['order_canceled', 'order_placed'] }, order)).toBe(true);
    expect(onAttributes({ store: ['example_corp'], event: ['order_canceled'] }, order)).toBe(false);
  });

  it('matches any element of a String.Array attribute', () => {
    expect(onAttributes({ customer_interests: ['rugby', 'football'] }, order)).toBe(true);
    expect(onAttributes({ customer_interests: ['baseball'] }, order)).toBe(false);
  });

  it('matches numbers exactly and in ranges, only on Number attributes', () => {
    expect(onAttributes({ price_usd: [210.75] }, order)).toBe(true);
    expect(onAttributes({ price_usd: [{ numeric: ['=', 210.75] }] }, order)).toBe(true);
    expect(onAttributes({ price_usd: [{ numeric: ['>', 0, '<=', 150] }] }, order)).toBe(false);
    expect(onAttributes({ price_usd: [{ numeric: ['>=', 200, '<', 300] }] }, order)).toBe(true);
    expect(onAttributes({ store: [{ numeric: ['>', 0] }] }, order)).toBe(false);
  });

  it('matches prefix, suffix and equals-ignore-case', () => {
    expect(onAttributes({ event: [{ prefix: 'order_' }] }, order)).toBe(true);
    expect(onAttributes({ event: [{ suffix: '_placed' }] }, order)).toBe(true);
    expect(onAttributes({ store: [{ 'equals-ignore-case': 'EXAMPLE_CORP' }] }, order)).toBe(true);
    expect(onAttributes({ event: [{ prefix: 'refund' }] }, order)).toBe(false);
  });

  it('matches anything-but values and prefixes', () => {
    expect(onAttributes({ store: [{ 'anything-but': ['example_corp', 'other'] }] }, order)).toBe(false);
    expect(onAttributes({ store: [{ 'anything-but': 'other' }] }, order)).toBe(true);
    expect(onAttributes({ price_usd: [{ 'anything-but': [100, 200] }] }, order)).toBe(true);
    expect(onAttributes({ event: [{ 'anything-but': { prefix: 'order_' } }] }, order)).toBe(false);
    expect(onAttributes({ missing: [{ 'anything-but': 'x' }] }, order)).toBe(false);
  });

  it('matches exists true and false', () => {
    expect(onAttributes({ store: [{ exists: true }] }, order)).toBe(true);
    expect(onAttributes({ encrypted: [{ exists: false }] }, order)).toBe(true);
    expect(onAttributes({ store: [{ exists: false }] }, order)).toBe(false);
  });

  it('matches IP addresses in a CIDR block', () => {
    expect(onAttributes({ source_ip: [{ cidr: '10.0.0.0/24' }] }, { source_ip: s('10.0.0.255') })).toBe(true);
    expect(onAttributes({ source_ip: [{ cidr: '10.0.0.0/24' }] }, { source_ip: s('10.0.1.1') })).toBe(false);
    expect(onAttributes({ source_ip: [{ cidr: '2001:db8::/32' }] }, { source_ip: s('2001:db8:1::5') })).toBe(true);
  });

  it('matches either alternative of $or', () => {
    const policy = { source: ['aws.cloudwatch'], $or: [{ metricName: ['CPUUtilization'] }, { namespace: ['AWS/EC2'] }] };
    expect(onAttributes(policy, { source: s('aws.cloudwatch'), namespace: s('AWS/EC2') })).toBe(true);
    expect(onAttributes(policy, { source: s('aws.cloudwatch'), metricName: s('CPUUtilization') })).toBe(true);
    expect(onAttributes(policy, { source: s('aws.cloudwatch'), metricName: s('Disk') })).toBe(false);
  });

  it('does not match a message without the attribute', () => {
    expect(onAttributes({ store: ['example_corp'] }, {})).toBe(false);
  });
});

describe('filter policies on the message body', () => {
  const body = { store: 'example_corp', event: 'order_placed', customer: { interests: ['soccer', 'rugby'], tier: 'gold' }, price_usd: 210.75, coupon: null };

  it('matches nested keys, arrays and numbers', () => {
    expect(onBody({ customer: { interests: ['rugby'] } }, body)).toBe(true);
    expect(onBody({ customer: { tier: ['silver'] } }, body)).toBe(false);
    expect(onBody({ price_usd: [{ numeric: ['>', 100] }], store: ['example_corp'] }, body)).toBe(true);
  });

  it('matches null and exists on the body', () => {
    expect(onBody({ coupon: [null] }, body)).toBe(true);
    expect(onBody({ customer: { email: [{ exists: false }] } }, body)).toBe(true);
  });

  it('matches nothing when the body is not a JSON object', () => {
    expect(onBody({ store: [{ exists: false }] }, 'plain text')).toBe(false);
  });
});

// Messages recorded against AWS by LocalStack (tests/aws/services/sns snapshots).
describe('filter policy validation', () => {
  it('refuses more than five keys', () => {
    expect(refusal({ a: ['1'], b: ['1'], c: ['1'], d: ['1'], e: ['1'], f: ['1'] })).toBe('FilterPolicy: Filter policy can not have more than 5 keys');
  });

  it('refuses more than 150 combinations', () => {
    const values = (k: number) => Array.from({ length: k }, (_, i) => `v${i}`);
    expect(refusal({ a: values(10), b: values(10), c: values(2) })).toBe('FilterPolicy: Filter policy is too complex');
    expect(() => parseFilterPolicy(JSON.stringify({ a: values(10), b: values(15) }), 'MessageAttributes')).not.toThrow();
  });

  it('counts nested keys by depth, as the AWS documentation example does (72 combinations)', () => {
    const policy = { key_a: { key_b: { key_c: ['1', '2', '3', '4'] } }, key_d: { key_e: ['1', '2', '3'] } };
    expect(() => parseFilterPolicy(JSON.stringify(policy), 'MessageBody')).not.toThrow();
  });

  it('refuses nesting in the MessageAttributes scope', () => {
    expect(refusal({ a: { b: ['c'] } })).toBe('Filter policy scope MessageAttributes does not support nested filter policy');
  });

  it('refuses malformed rules with AWS messages', () => {
    expect(refusal({ a: [] })).toBe('FilterPolicy: Empty arrays are not allowed');
    expect(refusal({ a: 'x' })).toBe('FilterPolicy: "a" must be an object or an array');
    expect(refusal({ a: [{ prefix: 1 }] })).toBe('FilterPolicy: prefix match pattern must be a string');
    expect(refusal({ a: [{ exists: 'yes' }] })).toBe('FilterPolicy: exists match pattern must be either true or false.');
    expect(refusal({ a: [{ wildcard: '*' }] })).toBe('FilterPolicy: Unrecognized match type wildcard');
    expect(refusal({ a: [{ prefix: 'a', suffix: 'b' }] })).toBe('FilterPolicy: Only one key allowed in match expression');
    expect(refusal({ a: [['x']] })).toBe('FilterPolicy: Match value must be String, number, true, false, or null');
    expect(refusal({ a: [{ 'anything-but': { wildcard: 'x' } }] })).toBe('FilterPolicy: Unsupported anything-but pattern: wildcard');
  });

  it('refuses malformed numeric and cidr rules with AWS messages', () => {
    expect(refusal({ a: [{ numeric: [] }] })).toBe('FilterPolicy: Invalid member in numeric match: ]');
    expect(refusal({ a: [{ numeric: ['!', 1] }] })).toBe('FilterPolicy: Unrecognized numeric range operator: !');
    expect(refusal({ a: [{ numeric: ['=', 'x'] }] })).toBe('FilterPolicy: Value of equals must be numeric');
    expect(refusal({ a: [{ numeric: ['<', 1, '>', 0] }] })).toBe('FilterPolicy: Too many elements in numeric expression');
    expect(refusal({ a: [{ numeric: ['>', 1, '>', 5] }] })).toBe('FilterPolicy: Bad numeric range operator: >');
    expect(refusal({ a: [{ numeric: ['>', 5, '<', 1] }] })).toBe('FilterPolicy: Bottom must be less than top');
    expect(refusal({ a: [{ cidr: '10.0.0.0' }] })).toBe("FilterPolicy: Malformed CIDR, one '/' required");
    expect(refusal({ a: [{ cidr: '10.0.0.0/x' }] })).toBe('FilterPolicy: Malformed CIDR, mask bits must be an integer');
    expect(refusal({ a: [{ cidr: '10.0.0.300/8' }] })).toBe('FilterPolicy: Nonstandard IP address: 10.0.0.300');
  });

  it('refuses a policy that is not JSON (unverified against AWS: the exact wording)', () => {
    expect(refusal('{nope')).toBe('FilterPolicy: failed to parse JSON.');
  });
});
