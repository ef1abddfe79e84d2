import { z } from 'zod';
import { accessKeysOption } from '../access-keys.js';

const TRUE_WORDS = ['true', '1', 'yes'];
const FALSE_WORDS = ['false', '0', 'no'];

/** A boolean from code, or `true|false` (also `1|0`, `yes|no`) from a flag or the environment. */
const booleanOption = z.union([z.boolean(), z.string()]).transform((v, ctx) => {
  if (typeof v === 'boolean') return v;
  if (TRUE_WORDS.includes(v)) return true;
  if (FALSE_WORDS.includes(v)) return false;
  ctx.addIssue({ code: 'custom', message: 'expected true or false (also accepted: 1 or 0, yes or no)' });
  return z.NEVER;
});

/** A TCP port: a number 0–65535 from code, or its digits from a flag or the environment. */
const portOption = z.union([z.number(), z.string()]).transform((v, ctx) => {
  const port = typeof v === 'number' ? v : /^\d+$/.test(v) ? Number(v) : NaN;
  if (Number.isInteger(port) && port >= 0 && port <= 65535) return port;
  ctx.addIssue({ code: 'custom', message: 'expected a port number 0–65535 (0: any free port)' });
  return z.NEVER;
});

/** `http(s)://host[:port]` and nothing else: it becomes the start of every queue URL. */
const baseUrlOption = z.string().transform((v, ctx) => {
  let url: URL | undefined;
  try {
    url = new URL(v);
  } catch {
    url = undefined;
  }
  const bare =
    url &&
    (url.protocol === 'http:' || url.protocol === 'https:') &&
    (url.pathname === '/' || url.pathname === '') &&
    !url.search &&
    !url.hash &&
    !url.username &&
    !v.endsWith('/');
  if (url && bare) return `${url.protocol}//${url.host}`;
  ctx.addIssue({ code: 'custom', message: 'expected a URL of the form http://host:port (no path), the start of every queue URL, e.g. http://wharf:4566' });
  return z.NEVER;
});

/** The longest SQS long poll (ReceiveMessage WaitTimeSeconds=20); Kinesis SubscribeToShard sends an event every 5 s. */
export const LONGEST_LONG_POLL_MS = 20_000;

/** wharf's configuration: flags win over WHARF_* environment variables, which win over defaults. */
export const configSchema = z
  .object({
    port: portOption.default(4566),
    host: z.string().min(1).default('127.0.0.1'),
    region: z
      .string()
      .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'must look like an AWS region, e.g. us-east-1')
      .default('us-east-1'),
    accountId: z
      .string()
      .regex(/^\d{12}$/, 'must be 12 digits')
      .default('000000000000'),
    dataDir: z.string().min(1).optional(),
    /** Fixes the scheme://host:port of queue URLs instead of taking them from each request. */
    hostname: baseUrlOption.optional(),
    logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** SNS drops deliveries to queues whose policy does not allow the topic, as AWS does. */
    snsEnforceQueuePolicy: booleanOption.default(false),
    /** Where SNS invokes Lambda functions (the Lambda Invoke API, e.g. sam local start-lambda). */
    lambdaEndpoint: z.string().url().optional(),
    /** How long a new Kinesis stream (or consumer) stays CREATING. */
    kinesisCreateDelayMs: z.coerce.number().int().min(0).default(0),
    /** How long a deleted Kinesis stream (or consumer) stays DELETING. */
    kinesisDeleteDelayMs: z.coerce.number().int().min(0).default(0),
    /** How long resharding and other changes keep a Kinesis stream UPDATING. */
    kinesisUpdateDelayMs: z.coerce.number().int().min(0).default(0),
    /** Apply AWS's per-shard throughput limits (ProvisionedThroughputExceededException). */
    kinesisEnforceLimits: booleanOption.default(false),
    /** Open Kinesis shards allowed per account and region. */
    kinesisShardLimit: z.coerce.number().int().min(1).default(500),
    /** pretty: readable lines; json: one object per line; auto: pretty at a terminal, else json. */
    logFormat: z.enum(['auto', 'pretty', 'json']).default('auto'),
    /** A YAML or JSON file of queues, topics and streams to create at start-up. */
    init: z.string().min(1).optional(),
    /** Check every AWS request's SigV4 signature against `credentials` (off: any signature is accepted). */
    verifySignatures: booleanOption.default(false),
    /** The access keys wharf accepts when it verifies signatures. */
    credentials: accessKeysOption.optional(),
    /** When set, /_wharf/ and /_localstack/ endpoints need `Authorization: Bearer <token>`. */
    adminToken: z.string().min(1).optional(),
    /** false: the admin endpoints answer 404 (health and the SNS signing certificate stay). */
    admin: booleanOption.default(true),
    /** With a data directory: normal keeps acknowledged writes across a process crash, full also across an OS crash or power loss. */
    durability: z.enum(['normal', 'full']).default('normal'),
    /** A client must send a whole request (headers and body) within this; a stalled one is disconnected. */
    requestTimeoutMs: z.coerce.number().int().min(100).default(30_000),
    /** Origins a browser page may call wharf from (CORS): `*`, or a comma-separated list of `scheme://host[:port]`. */
    corsOrigins: z
      .union([z.array(z.string()), z.string()])
      .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((o) => o.trim()).filter((o) => o !== ''))
      .pipe(
        z
          .array(
            z.string().regex(/^(\*|https?:\/\/[^/\s,]+)$/, 'must be * or origins like http://localhost:3000 (scheme://host[:port], no path), comma-separated'),
          )
          .min(1, 'must name at least one origin, or *'),
      )
      .default(['*']),
    /** A connection with no byte read or written for this long is closed; above the 20 s long poll. */
    idleTimeoutMs: z.coerce.number().int().min(100).default(120_000),
  })
  .superRefine((config, ctx) => {
    if (config.verifySignatures && !config.credentials) {
      ctx.addIssue({ code: 'custom', path: ['credentials'], message: 'required when signatures are verified: ACCESS_KEY_ID:SECRET[,ACCESS_KEY_ID:SECRET...]' });
    }
  });

export type WharfConfig = z.infer<typeof configSchema>;

/** Each option, its flag, its environment variable and what it means: the source of --help. */
export const OPTIONS = [
  { key: 'port', flag: '--port', env: 'WHARF_PORT', help: 'TCP port to listen on', default: '4566' },
  { key: 'host', flag: '--host', env: 'WHARF_HOST', help: 'interface to bind (0.0.0.0 for all, e.g. in a container)', default: '127.0.0.1' },
  { key: 'region', flag: '--region', env: 'WHARF_REGION', help: 'region for requests whose signature names none', default: 'us-east-1' },
  { key: 'accountId', flag: '--account-id', env: 'WHARF_ACCOUNT_ID', help: 'account for access keys that are not 12 digits', default: '000000000000' },
  { key: 'dataDir', flag: '--data-dir', env: 'WHARF_DATA_DIR', help: 'keep state in <dir>/wharf.db across restarts', default: 'unset: in memory' },
  { key: 'hostname', flag: '--hostname', env: 'WHARF_HOSTNAME', help: 'base of queue URLs, e.g. http://wharf:4566', default: "unset: the request's Host" },
  {
    key: 'snsEnforceQueuePolicy',
    flag: '--sns-enforce-queue-policy',
    env: 'WHARF_SNS_ENFORCE_QUEUE_POLICY',
    help: 'true: SNS does not deliver to queues whose policy does not allow the topic (as AWS)',
    default: 'false',
  },
  {
    key: 'lambdaEndpoint',
    flag: '--lambda-endpoint',
    env: 'WHARF_LAMBDA_ENDPOINT',
    help: 'Lambda Invoke API endpoint for SNS lambda subscriptions and event source mappings',
    default: 'unset: deliveries are recorded',
  },
  {
    key: 'kinesisCreateDelayMs',
    flag: '--kinesis-create-delay-ms',
    env: 'WHARF_KINESIS_CREATE_DELAY_MS',
    help: 'how long a new stream or consumer stays CREATING',
    default: '0',
  },
  {
    key: 'kinesisDeleteDelayMs',
    flag: '--kinesis-delete-delay-ms',
    env: 'WHARF_KINESIS_DELETE_DELAY_MS',
    help: 'how long a deleted stream or consumer stays DELETING',
    default: '0',
  },
  {
    key: 'kinesisUpdateDelayMs',
    flag: '--kinesis-update-delay-ms',
    env: 'WHARF_KINESIS_UPDATE_DELAY_MS',
    help: 'how long resharding and mode/encryption changes keep a stream UPDATING',
    default: '0',
  },
  {
    key: 'kinesisEnforceLimits',
    flag: '--kinesis-enforce-limits',
    env: 'WHARF_KINESIS_ENFORCE_LIMITS',
    help: 'apply per-shard read/write limits (true|false)',
    default: 'false',
  },
  {
    key: 'kinesisShardLimit',
    flag: '--kinesis-shard-limit',
    env: 'WHARF_KINESIS_SHARD_LIMIT',
    help: 'open Kinesis shards allowed per account and region',
    default: '500',
  },
  {
    key: 'verifySignatures',
    flag: '--verify-signatures',
    env: 'WHARF_VERIFY_SIGNATURES',
    help: 'true: reject AWS requests whose SigV4 signature is not made with one of --credentials',
    default: 'false',
  },
  {
    key: 'credentials',
    flag: '--credentials',
    env: 'WHARF_CREDENTIALS',
    help: 'ACCESS_KEY_ID:SECRET[:SESSION_TOKEN][,...]: the keys --verify-signatures accepts',
    default: 'unset',
    secret: true,
  },
  {
    key: 'adminToken',
    flag: '--admin-token',
    env: 'WHARF_ADMIN_TOKEN',
    help: 'require Authorization: Bearer <token> on /_wharf/ and /_localstack/ (not health)',
    default: 'unset: open',
    secret: true,
  },
  {
    key: 'admin',
    flag: '--admin',
    env: 'WHARF_ADMIN',
    help: 'false: answer 404 on the admin endpoints (health and the SNS certificate stay)',
    default: 'true',
  },
  { key: 'logLevel', flag: '--log-level', env: 'WHARF_LOG_LEVEL', help: 'fatal|error|warn|info|debug|trace|silent (debug logs each request)', default: 'info' },
  {
    key: 'logFormat',
    flag: '--log-format',
    env: 'WHARF_LOG_FORMAT',
    help: 'auto|pretty|json (auto: pretty at a terminal, JSON lines otherwise)',
    default: 'auto',
  },
  { key: 'init', flag: '--init', env: 'WHARF_INIT', help: 'YAML or JSON file of queues, topics and streams to create at start-up', default: 'unset' },
  {
    key: 'durability',
    flag: '--durability',
    env: 'WHARF_DURABILITY',
    help: 'with a data dir: normal (survives kill -9) | full (also OS crash/power loss; fsync per write)',
    default: 'normal',
  },
  {
    key: 'requestTimeoutMs',
    flag: '--request-timeout-ms',
    env: 'WHARF_REQUEST_TIMEOUT_MS',
    help: 'a client must send a whole request within this (at least 20000; stalled clients are dropped)',
    default: '30000',
  },
  {
    key: 'corsOrigins',
    flag: '--cors-origins',
    env: 'WHARF_CORS_ORIGINS',
    help: 'origins browser pages may call from (CORS): * or a comma-separated list, e.g. http://localhost:3000',
    default: '*',
  },
  {
    key: 'idleTimeoutMs',
    flag: '--idle-timeout-ms',
    env: 'WHARF_IDLE_TIMEOUT_MS',
    help: 'close a connection with no traffic for this long (at least 20000: long polls)',
    default: '120000',
  },
] as const satisfies readonly { key: keyof WharfConfig; flag: string; env: string; help: string; default: string; secret?: true }[];

export class ConfigError extends Error {}

/**
 * Options given in code (startWharf, startServer): an unknown key (a typo) or a bad value is
 * refused in one sentence naming each, instead of being ignored or dumped as a ZodError.
 */
export function checkedOptions(options: Record<string, unknown>, caller: string): WharfConfig {
  const known = OPTIONS.map((o) => o.key as string);
  const problems: string[] = [];
  for (const key of Object.keys(options)) {
    if (known.includes(key) || options[key] === undefined) continue;
    const near = known.find((k) => k.toLowerCase() === key.toLowerCase()) ?? known.find((k) => editDistance(k, key) <= 2);
    problems.push(`unknown option ${JSON.stringify(key)}${near ? ` (did you mean ${JSON.stringify(near)}?)` : ''}`);
  }
  const parsed = configSchema.safeParse(Object.fromEntries(Object.entries(options).filter(([key]) => known.includes(key))));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0]);
      const option = OPTIONS.find((o) => o.key === key);
      const got = option && 'secret' in option ? '' : ` (got ${JSON.stringify(options[key])})`;
      problems.push(`${key}: ${issue.message}${got}`);
    }
  }
  if (problems.length > 0) throw new ConfigError(`${caller}: ${problems.join('; ')}. The options are ${known.join(', ')} (see wharf --help).`);
  return parsed.data!;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1]!.toLowerCase() === b[j - 1]!.toLowerCase() ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

/** Reads configuration from argv and env; throws ConfigError with one line per bad value. */
export function loadConfig(argv: readonly string[], env: NodeJS.ProcessEnv): WharfConfig {
  const raw: Record<string, string> = {};
  const problems: { key: string; message: string }[] = [];
  for (const option of OPTIONS) {
    const value = env[option.env];
    if (value === undefined) continue;
    // Empty means "none" only where none is a setting (no data directory: in memory); elsewhere
    // it is a mistake (WHARF_PORT= from an unset shell variable), not a wish for the default.
    if (value !== '') raw[option.key] = value;
    else if (!option.default.startsWith('unset'))
      problems.push({ key: option.key, message: `is set but empty; give a value or unset ${option.env} for the default (${option.default})` });
  }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const option = OPTIONS.find((o) => o.flag === flag);
    if (!option) throw new ConfigError(`unknown option ${flag} (see wharf --help)`);
    const value = inline ?? argv[++i];
    if (value === undefined) throw new ConfigError(`${flag} needs a value`);
    raw[option.key] = value;
    problems.splice(0, problems.length, ...problems.filter((p) => p.key !== option.key));
  }
  const parsed = configSchema.safeParse(raw);
  const issues = parsed.success ? [] : parsed.error.issues.map((issue) => ({ key: String(issue.path[0]), message: issue.message }));
  if (parsed.success) problems.push(...timeoutProblems(parsed.data));
  const all = [...problems, ...issues.filter((i) => !problems.some((p) => p.key === i.key))];
  if (all.length > 0 || !parsed.success) {
    const lines = all.map(({ key, message }) => {
      const option = OPTIONS.find((o) => o.key === key);
      const name = option ? `${option.flag} / ${option.env}` : key;
      // A secret's value is never echoed to the terminal or a CI log.
      const got = option && 'secret' in option ? '' : ` (got ${JSON.stringify(raw[key] ?? '')})`;
      return `${name}: ${message}${got}`;
    });
    throw new ConfigError(`invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  return parsed.data;
}

/**
 * Timeouts that would cut off a long poll. Checked for the command only: the library accepts
 * shorter ones, so tests of stalled clients need not wait 20 s.
 */
function timeoutProblems(config: WharfConfig): { key: string; message: string }[] {
  const problems = [];
  if (config.idleTimeoutMs < LONGEST_LONG_POLL_MS) {
    problems.push({
      key: 'idleTimeoutMs',
      message: `must be at least ${LONGEST_LONG_POLL_MS}: a ReceiveMessage long poll waits up to 20 s without a byte on the connection, and would be cut off`,
    });
  }
  if (config.requestTimeoutMs < LONGEST_LONG_POLL_MS) {
    problems.push({
      key: 'requestTimeoutMs',
      message: `must be at least ${LONGEST_LONG_POLL_MS}, as long as the longest long poll: a client has this long to send its whole request, and a shorter limit drops slow senders (a 13 MiB Kinesis batch, a client behind a debugging proxy) mid-request`,
    });
  }
  return problems;
}

export function helpText(): string {
  const rows = OPTIONS.map((o) => `  ${`${o.flag} <value>`.padEnd(22)} ${o.env.padEnd(17)} ${o.help} [default: ${o.default}]`);
  return [
    'wharf — a local emulator of AWS SQS, SNS and Kinesis on one port.',
    '',
    'Usage: wharf [options]',
    '',
    'Options (each also read from its environment variable; a flag wins):',
    ...rows,
    '  --help, -h             show this help',
    '  --version, -v          print the version',
    '',
    'Point the AWS CLI at it with --endpoint-url (works with every CLI version):',
    '  aws --endpoint-url http://localhost:4566 sqs create-queue --queue-name jobs',
    'AWS_ENDPOINT_URL=http://localhost:4566 works with AWS CLI v2 2.13.0 and later and current SDKs;',
    'CLI v1 (pip install awscli) can still send SQS calls in us-east-1 to AWS: use --endpoint-url there.',
    '',
    'Exit codes: 0 stopped cleanly, 1 unexpected error, 2 bad configuration or init file,',
    '  3 data directory used by another wharf, 4 data directory written by a newer wharf,',
    '  5 data directory unusable (permissions, a file in the way, disk full), 6 port already in use.',
    '',
    'Dashboard: /_wharf/ui/   Admin: GET /_wharf/health, POST /_wharf/reset, /_wharf/{sqs,sns,kinesis}/… (docs/inspection.md)',
  ].join('\n');
}
