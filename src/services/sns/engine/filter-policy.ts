import { isIP } from 'node:net';
import { MAX_FILTER_POLICY_BYTES, MAX_FILTER_POLICY_COMBINATIONS, MAX_FILTER_POLICY_KEYS } from '../limits.js';

/**
 * SNS subscription filter policies: validation with AWS's messages and limits, and matching
 * against message attributes or a JSON message body.
 * https://docs.aws.amazon.com/sns/latest/dg/sns-subscription-filter-policies.html
 * https://docs.aws.amazon.com/sns/latest/dg/subscription-filter-policy-constraints.html
 *
 * Semantics: every key of a policy must match (AND); any of the values listed for one key may
 * match (OR); `$or` splits the policy into alternatives.
 */
export type FilterPolicyScope = 'MessageAttributes' | 'MessageBody';

/** A policy AWS refuses; `reason` is the text after "Invalid parameter: " (or "… Attributes Reason: "). */
export class FilterPolicyError extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

type Scalar = string | number | boolean | null;
type Condition =
  | { kind: 'exact'; value: Scalar }
  | { kind: 'prefix' | 'suffix' | 'equals-ignore-case'; value: string }
  | { kind: 'anything-but'; values: Scalar[] }
  | { kind: 'anything-but-prefix' | 'anything-but-ignore-case'; value: string }
  | { kind: 'numeric'; terms: [string, number][] }
  | { kind: 'exists'; value: boolean }
  | { kind: 'cidr'; network: Network };

/** One alternative of a policy: flattened key (`a.b.c`) → the conditions any of which may match. */
type Branch = Map<string, Condition[]>;

export interface FilterPolicy {
  branches: Branch[];
}

export function parseFilterPolicy(text: string, scope: FilterPolicyScope): FilterPolicy {
  if (Buffer.byteLength(text, 'utf8') > MAX_FILTER_POLICY_BYTES) throw new FilterPolicyError('FilterPolicy: Filter policy is too long');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // AWS quotes its JSON parser's message here (unverified against AWS: the exact words).
    throw new FilterPolicyError('FilterPolicy: failed to parse JSON.');
  }
  if (!isObject(json)) throw new FilterPolicyError('FilterPolicy: Filter policy must be a JSON object');
  if (Object.keys(json).length > MAX_FILTER_POLICY_KEYS)
    throw new FilterPolicyError(`FilterPolicy: Filter policy can not have more than ${MAX_FILTER_POLICY_KEYS} keys`);
  const combinations = countCombinations(json, scope, 1, 1);
  if (combinations > MAX_FILTER_POLICY_COMBINATIONS) throw new FilterPolicyError('FilterPolicy: Filter policy is too complex');
  return { branches: expand(json, '', [new Map()]) };
}

/** AWS's complexity measure: the product of each value list's length times its key's depth; `$or` adds. */
function countCombinations(policy: Record<string, unknown>, scope: FilterPolicyScope, depth: number, start: number): number {
  let combinations = start;
  for (const [key, value] of Object.entries(policy)) {
    if (isObject(value)) {
      // AWS checks the nested policy's shape first: {"key": {"suffix": "v"}} in MessageAttributes
      // scope is refused for "suffix" not being an object or an array, not for the nesting.
      combinations = countCombinations(value, 'MessageBody', depth + 1, combinations);
      if (scope === 'MessageAttributes') throw new FilterPolicyError('Filter policy scope MessageAttributes does not support nested filter policy');
    } else if (Array.isArray(value)) {
      if (value.length === 0) throw new FilterPolicyError('FilterPolicy: Empty arrays are not allowed');
      if (key === '$or') {
        let sum = 0;
        for (const alternative of value) {
          if (!isObject(alternative)) throw new FilterPolicyError('FilterPolicy: "$or" must be an object or an array');
          sum += countCombinations(alternative, scope, depth, combinations);
        }
        combinations = sum;
      } else {
        for (const rule of value) compileRule(rule);
        combinations *= value.length * depth;
      }
    } else {
      throw new FilterPolicyError(`FilterPolicy: "${key}" must be an object or an array`);
    }
  }
  return combinations;
}

function expand(policy: Record<string, unknown>, parent: string, branches: Branch[]): Branch[] {
  let out = branches;
  for (const [key, value] of Object.entries(policy)) {
    if (key === '$or' && Array.isArray(value) && value.length > 1) {
      out = value.flatMap((alternative) => expand(alternative as Record<string, unknown>, parent, out));
      continue;
    }
    const path = parent ? `${parent}.${key}` : key;
    if (isObject(value)) {
      out = expand(value, path, out);
    } else {
      const conditions = (value as unknown[]).map(compileRule);
      out = out.map((branch) => new Map(branch).set(path, conditions));
    }
  }
  return out;
}

function compileRule(rule: unknown): Condition {
  if (rule === null || typeof rule === 'string' || typeof rule === 'boolean' || typeof rule === 'number') return { kind: 'exact', value: rule };
  if (!isObject(rule)) throw new FilterPolicyError('FilterPolicy: Match value must be String, number, true, false, or null');
  const entries = Object.entries(rule);
  if (entries.length !== 1) throw new FilterPolicyError('FilterPolicy: Only one key allowed in match expression');
  const [operator, value] = entries[0]!;
  switch (operator) {
    case 'prefix':
    case 'suffix':
    case 'equals-ignore-case':
      if (typeof value !== 'string') throw new FilterPolicyError(`FilterPolicy: ${operator} match pattern must be a string`);
      return { kind: operator, value };
    case 'exists':
      if (typeof value !== 'boolean') throw new FilterPolicyError('FilterPolicy: exists match pattern must be either true or false.');
      return { kind: 'exists', value };
    case 'anything-but':
      return compileAnythingBut(value);
    case 'numeric':
      return { kind: 'numeric', terms: compileNumeric(value) };
    case 'cidr':
      return { kind: 'cidr', network: compileCidr(value) };
    default:
      throw new FilterPolicyError(`FilterPolicy: Unrecognized match type ${operator}`);
  }
}

function compileAnythingBut(value: unknown): Condition {
  if (Array.isArray(value)) {
    for (const v of value) {
      if (v !== null && typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') {
        throw new FilterPolicyError('FilterPolicy: Inside anything but list, start|null|boolean is not supported.');
      }
    }
    return { kind: 'anything-but', values: value as Scalar[] };
  }
  if (isObject(value)) {
    const entries = Object.entries(value);
    if (entries.length !== 1) throw new FilterPolicyError('FilterPolicy: Only one key allowed in match expression');
    const [inner, operand] = entries[0]!;
    // SNS, unlike EventBridge, refuses anything-but with suffix: "Unsupported anything-but pattern: suffix".
    const kinds = { prefix: 'anything-but-prefix', 'equals-ignore-case': 'anything-but-ignore-case' } as const;
    if (!(inner in kinds)) throw new FilterPolicyError(`FilterPolicy: Unsupported anything-but pattern: ${inner}`);
    if (typeof operand !== 'string') throw new FilterPolicyError(`FilterPolicy: ${inner} match pattern must be a string`);
    return { kind: kinds[inner as keyof typeof kinds], value: operand };
  }
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return { kind: 'anything-but', values: [value] };
  throw new FilterPolicyError('FilterPolicy: Match value must be String, number, true, false, or null');
}

const LOWER_OPERATORS = new Set(['>', '>=']);
const UPPER_OPERATORS = new Set(['<', '<=']);

function compileNumeric(value: unknown): [string, number][] {
  if (!Array.isArray(value) || value.length === 0) throw new FilterPolicyError('FilterPolicy: Invalid member in numeric match: ]');
  const [op1, n1, op2, n2, ...rest] = value as unknown[];
  if (typeof op1 !== 'string') throw new FilterPolicyError(`FilterPolicy: Invalid member in numeric match: ${String(op1)}`);
  if (!LOWER_OPERATORS.has(op1) && !UPPER_OPERATORS.has(op1) && op1 !== '=') {
    throw new FilterPolicyError(`FilterPolicy: Unrecognized numeric range operator: ${op1}`);
  }
  if (typeof n1 !== 'number') throw new FilterPolicyError(`FilterPolicy: Value of ${op1 === '=' ? 'equals' : op1} must be numeric`);
  if (value.length === 2) return [[op1, n1]];
  if (!LOWER_OPERATORS.has(op1)) throw new FilterPolicyError('FilterPolicy: Too many elements in numeric expression');
  if (typeof op2 !== 'string') throw new FilterPolicyError(`FilterPolicy: Bad value in numeric range: ${String(op2)}`);
  if (!UPPER_OPERATORS.has(op2)) throw new FilterPolicyError(`FilterPolicy: Bad numeric range operator: ${op2}`);
  if (typeof n2 !== 'number') throw new FilterPolicyError(`FilterPolicy: Value of ${op2} must be numeric`);
  if (n2 <= n1) throw new FilterPolicyError('FilterPolicy: Bottom must be less than top');
  if (rest.length > 0) throw new FilterPolicyError('FilterPolicy: Too many terms in numeric range expression');
  return [
    [op1, n1],
    [op2, n2],
  ];
}

// ── CIDR ─────────────────────────────────────────────────────────────────────────────────

interface Network {
  version: 4 | 6;
  base: bigint;
  bits: number;
}

function compileCidr(value: unknown): Network {
  // AWS reports a non-string cidr with the prefix message (recorded by LocalStack).
  if (typeof value !== 'string') throw new FilterPolicyError('FilterPolicy: prefix match pattern must be a string');
  const parts = value.split('/');
  if (parts.length !== 2) throw new FilterPolicyError("FilterPolicy: Malformed CIDR, one '/' required");
  const [address, mask] = parts as [string, string];
  if (!/^\d+$/.test(mask)) throw new FilterPolicyError('FilterPolicy: Malformed CIDR, mask bits must be an integer');
  const version = isIP(address);
  const bits = Number(mask);
  if (version === 0 || bits > (version === 4 ? 32 : 128)) throw new FilterPolicyError(`FilterPolicy: Nonstandard IP address: ${address}`);
  const width = version === 4 ? 32 : 128;
  const base = ipToBigInt(address) >> BigInt(width - bits);
  return { version: version as 4 | 6, base, bits };
}

function inNetwork(value: string, network: Network): boolean {
  if (isIP(value) !== network.version) return false;
  const width = network.version === 4 ? 32 : 128;
  return ipToBigInt(value) >> BigInt(width - network.bits) === network.base;
}

function ipToBigInt(address: string): bigint {
  if (isIP(address) === 4) return address.split('.').reduce((acc, octet) => (acc << 8n) | BigInt(Number(octet)), 0n);
  const [head, tail = ''] = address.includes('::') ? address.split('::') : [address, undefined];
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const groups = address.includes('::') ? [...headGroups, ...Array<string>(8 - headGroups.length - tailGroups.length).fill('0'), ...tailGroups] : headGroups;
  return groups.reduce((acc, group) => (acc << 16n) | BigInt(parseInt(group || '0', 16)), 0n);
}

// ── Matching ─────────────────────────────────────────────────────────────────────────────

/** What a message offers one policy key: whether the key is there, and its values (arrays expanded). */
interface Field {
  present: boolean;
  values: Scalar[];
}

export interface MessageAttributeForFilter {
  Type: string;
  Value: string;
}

/** Matches a policy against message attributes (`{Type, Value}` as the envelope shows them). */
export function matchesAttributes(policy: FilterPolicy, attributes: Record<string, MessageAttributeForFilter>): boolean {
  return policy.branches.some((branch) => [...branch].every(([key, conditions]) => matchesField(conditions, attributeField(attributes[key]))));
}

function attributeField(attribute: MessageAttributeForFilter | undefined): Field {
  if (!attribute) return { present: false, values: [] };
  if (attribute.Type.startsWith('Number')) {
    const n = Number(attribute.Value);
    return { present: true, values: Number.isFinite(n) ? [n] : [] };
  }
  if (attribute.Type === 'String.Array') {
    try {
      const parsed: unknown = JSON.parse(attribute.Value);
      return { present: true, values: Array.isArray(parsed) ? (parsed.filter((v) => !isObject(v) && !Array.isArray(v)) as Scalar[]) : [] };
    } catch {
      return { present: true, values: [] };
    }
  }
  // Binary attributes exist, but no value rule applies to them.
  if (attribute.Type.startsWith('Binary')) return { present: true, values: [] };
  return { present: true, values: [attribute.Value] };
}

/** Matches a policy against a message body; a body that is not a JSON object matches nothing. */
export function matchesBody(policy: FilterPolicy, body: string): boolean {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return false;
  }
  if (!isObject(json)) return false;
  const fields = new Map<string, Field>();
  flattenBody(json, '', fields);
  return policy.branches.some((branch) =>
    [...branch].every(([key, conditions]) => matchesField(conditions, fields.get(key) ?? { present: false, values: [] })),
  );
}

function flattenBody(value: unknown, path: string, fields: Map<string, Field>): void {
  if (Array.isArray(value)) {
    for (const item of value) flattenBody(item, path, fields);
    return;
  }
  if (isObject(value)) {
    for (const [key, child] of Object.entries(value)) flattenBody(child, path ? `${path}.${key}` : key, fields);
    return;
  }
  const field = fields.get(path) ?? { present: true, values: [] };
  field.values.push(value as Scalar);
  fields.set(path, field);
}

// ── Explaining a mismatch ────────────────────────────────────────────────────────────────

/** Why attributes did not match a policy (for the delivery log; call only after matchesAttributes said no). */
export function explainAttributesMismatch(policy: FilterPolicy, attributes: Record<string, MessageAttributeForFilter>): string {
  if (Object.keys(attributes).length === 0) return 'The message has no message attributes (FilterPolicyScope MessageAttributes)';
  return explain(policy, (key) => attributeField(attributes[key]), 'message attribute');
}

/** Why a body did not match a policy (for the delivery log; call only after matchesBody said no). */
export function explainBodyMismatch(policy: FilterPolicy, body: string): string {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    json = undefined;
  }
  if (!isObject(json)) return 'The message body is not a JSON object (FilterPolicyScope MessageBody)';
  const fields = new Map<string, Field>();
  flattenBody(json, '', fields);
  return explain(policy, (key) => fields.get(key) ?? { present: false, values: [] }, 'message body');
}

/** Names, for each alternative of the policy, the first key the message did not match. */
function explain(policy: FilterPolicy, fieldOf: (key: string) => Field, source: 'message attribute' | 'message body'): string {
  const reasons = new Set<string>();
  for (const branch of policy.branches) {
    for (const [key, conditions] of branch) {
      const field = fieldOf(key);
      if (matchesField(conditions, field)) continue;
      if (!field.present)
        reasons.add(
          `Filter policy key "${key}" did not match: the ${source === 'message attribute' ? `message has no attribute "${key}"` : `message body has no "${key}"`}`,
        );
      else
        reasons.add(
          `Filter policy key "${key}" did not match the ${source} value ${field.values.map((v) => JSON.stringify(v)).join(', ') || '(none a rule can match)'}`,
        );
      break;
    }
  }
  const text = [...reasons].join('; ');
  return policy.branches.length > 1 ? `No "$or" alternative matched: ${text}` : text;
}

function matchesField(conditions: Condition[], field: Field): boolean {
  return conditions.some((condition) => {
    if (condition.kind === 'exists') return condition.value === field.present;
    if (!field.present) return false;
    return field.values.some((value) => matchesValue(condition, value));
  });
}

function matchesValue(condition: Exclude<Condition, { kind: 'exists' }>, value: Scalar): boolean {
  switch (condition.kind) {
    case 'exact':
      return typeof value === 'number' && typeof condition.value === 'number' ? sameNumber(value, condition.value) : value === condition.value;
    case 'prefix':
      return typeof value === 'string' && value.startsWith(condition.value);
    case 'suffix':
      return typeof value === 'string' && value.endsWith(condition.value);
    case 'equals-ignore-case':
      return typeof value === 'string' && value.toLowerCase() === condition.value.toLowerCase();
    case 'anything-but':
      if (typeof value === 'number') return !condition.values.some((v) => typeof v === 'number' && sameNumber(v, value));
      return typeof value === 'string' && !condition.values.includes(value);
    case 'anything-but-prefix':
      return typeof value === 'string' && !value.startsWith(condition.value);
    case 'anything-but-ignore-case':
      return typeof value === 'string' && value.toLowerCase() !== condition.value.toLowerCase();
    case 'numeric':
      return typeof value === 'number' && condition.terms.every(([op, operand]) => compare(op, atPrecision(value), atPrecision(operand)));
    case 'cidr':
      return typeof value === 'string' && inNetwork(value, condition.network);
  }
}

/**
 * SNS compares numbers "with five digits of accuracy after the decimal point"
 * (https://docs.aws.amazon.com/sns/latest/dg/subscription-filter-policy-constraints.html), so
 * 100.123456789 and 100.1234567 are equal. Unverified against AWS: whether the sixth digit rounds
 * or truncates (this rounds).
 */
function atPrecision(n: number): number {
  return Math.round(n * 100_000);
}

function sameNumber(a: number, b: number): boolean {
  return atPrecision(a) === atPrecision(b);
}

function compare(op: string, value: number, operand: number): boolean {
  switch (op) {
    case '=':
      return value === operand;
    case '>':
      return value > operand;
    case '>=':
      return value >= operand;
    case '<':
      return value < operand;
    default:
      return value <= operand;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
