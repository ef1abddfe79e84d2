import { describe, expect, it } from 'vitest';
import { ConfigError, helpText, loadConfig } from '../../src/config.js';

describe('wharf configuration', () => {
  it('defaults to port 4566 on 127.0.0.1, us-east-1, account 000000000000, in memory', () => {
    expect(loadConfig([], {})).toEqual({
      port: 4566,
      host: '127.0.0.1',
      region: 'us-east-1',
      accountId: '000000000000',
      logLevel: 'info',
      kinesisCreateDelayMs: 0,
      kinesisDeleteDelayMs: 0,
      kinesisUpdateDelayMs: 0,
      kinesisEnforceLimits: false,
      kinesisShardLimit: 500,
      snsEnforceQueuePolicy: false,
      requestTimeoutMs: 30_000,
      idleTimeoutMs: 120_000,
    });
  });

  it('reads the request and idle timeouts, and refuses ones under 100 ms', () => {
    expect(loadConfig(['--request-timeout-ms', '5000'], { WHARF_IDLE_TIMEOUT_MS: '60000' })).toMatchObject({ requestTimeoutMs: 5_000, idleTimeoutMs: 60_000 });
    expect(() => loadConfig([], { WHARF_REQUEST_TIMEOUT_MS: '10' })).toThrow(/--request-timeout-ms \/ WHARF_REQUEST_TIMEOUT_MS/);
  });

  it('reads the Kinesis delays and the throughput-limit switch', () => {
    const config = loadConfig(['--kinesis-enforce-limits', 'true'], { WHARF_KINESIS_CREATE_DELAY_MS: '500', WHARF_KINESIS_UPDATE_DELAY_MS: '250' });
    expect(config).toMatchObject({ kinesisCreateDelayMs: 500, kinesisUpdateDelayMs: 250, kinesisEnforceLimits: true });
    expect(() => loadConfig([], { WHARF_KINESIS_ENFORCE_LIMITS: 'maybe' })).toThrow(/--kinesis-enforce-limits \/ WHARF_KINESIS_ENFORCE_LIMITS/);
  });

  it('reads WHARF_* variables, and flags win over them', () => {
    const config = loadConfig(['--port', '5000', '--data-dir=/tmp/w'], { WHARF_PORT: '4000', WHARF_REGION: 'eu-west-1', WHARF_LOG_LEVEL: 'debug' });
    expect(config).toMatchObject({ port: 5000, region: 'eu-west-1', logLevel: 'debug', dataDir: '/tmp/w' });
  });

  it('names the flag, the variable and the bad value in its error', () => {
    expect(() => loadConfig([], { WHARF_ACCOUNT_ID: '12' })).toThrow(/--account-id \/ WHARF_ACCOUNT_ID: must be 12 digits \(got "12"\)/);
    expect(() => loadConfig(['--port', '70000'], {})).toThrow(ConfigError);
    expect(() => loadConfig(['--bogus', '1'], {})).toThrow(/unknown option --bogus/);
    expect(() => loadConfig(['--port'], {})).toThrow(/--port needs a value/);
  });

  it('documents every option with its variable in --help', () => {
    const help = helpText();
    for (const name of ['WHARF_PORT', 'WHARF_HOST', 'WHARF_REGION', 'WHARF_ACCOUNT_ID', 'WHARF_DATA_DIR', 'WHARF_LOG_LEVEL', 'WHARF_HOSTNAME']) expect(help).toContain(name);
  });
});
