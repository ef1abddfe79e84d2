import { describe, expect, it } from 'vitest';
import { ConfigError, helpText, loadConfig } from '../../src/cli/config.js';

describe('wharf configuration', () => {
  it('defaults to port 4566 on 127.0.0.1, us-east-1, account 000000000000, in memory', () => {
    expect(loadConfig([], {})).toEqual({
      port: 4566,
      host: '127.0.0.1',
      region: 'us-east-1',
      accountId: '000000000000',
      logLevel: 'info',
      logFormat: 'auto',
      kinesisCreateDelayMs: 0,
      kinesisDeleteDelayMs: 0,
      kinesisUpdateDelayMs: 0,
      kinesisEnforceLimits: false,
      kinesisShardLimit: 500,
      snsEnforceQueuePolicy: false,
      verifySignatures: false,
      admin: true,
      durability: 'normal',
      requestTimeoutMs: 30_000,
      idleTimeoutMs: 120_000,
      corsOrigins: ['*'],
    });
  });

  it('reads the CORS origins as a comma-separated list, and refuses one with a path or no scheme', () => {
    expect(loadConfig([], { WHARF_CORS_ORIGINS: 'http://localhost:3000, https://app.example.com' }).corsOrigins).toEqual([
      'http://localhost:3000',
      'https://app.example.com',
    ]);
    expect(loadConfig(['--cors-origins', '*'], {}).corsOrigins).toEqual(['*']);
    expect(() => loadConfig([], { WHARF_CORS_ORIGINS: 'localhost:3000' })).toThrow(
      /--cors-origins \/ WHARF_CORS_ORIGINS: must be \* or origins like http:\/\/localhost:3000/,
    );
    expect(() => loadConfig([], { WHARF_CORS_ORIGINS: 'http://a.test/app' })).toThrow(/--cors-origins/);
  });

  it('reads the request and idle timeouts', () => {
    expect(loadConfig(['--request-timeout-ms', '25000'], { WHARF_IDLE_TIMEOUT_MS: '60000' })).toMatchObject({
      requestTimeoutMs: 25_000,
      idleTimeoutMs: 60_000,
    });
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

  it('reads the durability setting: normal (default) or full', () => {
    expect(loadConfig(['--durability', 'full'], {}).durability).toBe('full');
    expect(loadConfig([], { WHARF_DURABILITY: 'full' }).durability).toBe('full');
    expect(() => loadConfig([], { WHARF_DURABILITY: 'paranoid' })).toThrow(/--durability \/ WHARF_DURABILITY: .*\(got "paranoid"\)/);
  });

  it('names the flag, the variable and the bad value in its error', () => {
    expect(() => loadConfig([], { WHARF_ACCOUNT_ID: '12' })).toThrow(/--account-id \/ WHARF_ACCOUNT_ID: must be 12 digits \(got "12"\)/);
    expect(() => loadConfig(['--port', '70000'], {})).toThrow(ConfigError);
    expect(() => loadConfig(['--bogus', '1'], {})).toThrow(/unknown option --bogus/);
    expect(() => loadConfig(['--port'], {})).toThrow(/--port needs a value/);
  });

  it('documents every option with its variable in --help', () => {
    const help = helpText();
    for (const name of ['WHARF_PORT', 'WHARF_HOST', 'WHARF_REGION', 'WHARF_ACCOUNT_ID', 'WHARF_DATA_DIR', 'WHARF_LOG_LEVEL', 'WHARF_HOSTNAME'])
      expect(help).toContain(name);
  });

  it('reads the access keys signatures are verified against, with optional session tokens', () => {
    const config = loadConfig(['--verify-signatures', 'true'], { WHARF_CREDENTIALS: 'AKIDONE:secret/one+x, 111122223333:two:token==' });
    expect(config.verifySignatures).toBe(true);
    expect(config.credentials).toEqual([
      { accessKeyId: 'AKIDONE', secretAccessKey: 'secret/one+x' },
      { accessKeyId: '111122223333', secretAccessKey: 'two', sessionToken: 'token==' },
    ]);
  });

  it('refuses to start verifying signatures without credentials, and never echoes a secret in an error', () => {
    expect(() => loadConfig([], { WHARF_VERIFY_SIGNATURES: 'true' })).toThrow(
      /--credentials \/ WHARF_CREDENTIALS: required when signatures are verified: ACCESS_KEY_ID:SECRET\[,ACCESS_KEY_ID:SECRET\.\.\.\]/,
    );
    for (const bad of ['AKIDONE', 'AKIDONE:', 'A:b:c:d', 'A:s1,A:s2', ' , ']) {
      let message = '';
      try {
        loadConfig(['--credentials', bad], {});
      } catch (err) {
        message = (err as Error).message;
      }
      expect(message).toMatch(/^invalid configuration:\n {2}--credentials \/ WHARF_CREDENTIALS: /);
      expect(message).not.toContain('got');
    }
    expect(() => loadConfig([], { WHARF_ADMIN_TOKEN: '' })).not.toThrow();
  });

  it('reads the admin token and the admin switch, and documents them in --help', () => {
    expect(loadConfig(['--admin-token', 'abc', '--admin', 'false'], {})).toMatchObject({ adminToken: 'abc', admin: false });
    const help = helpText();
    for (const name of ['WHARF_VERIFY_SIGNATURES', 'WHARF_CREDENTIALS', 'WHARF_ADMIN_TOKEN', 'WHARF_ADMIN']) expect(help).toContain(name);
  });
});
