import { describe, expect, it } from 'vitest';
import { ConfigError, helpText, loadConfig } from '../../src/config.js';

describe('wharf configuration', () => {
  it('defaults to port 4566 on 127.0.0.1, us-east-1, account 000000000000, in memory', () => {
    expect(loadConfig([], {})).toEqual({ snsEnforceQueuePolicy: false, port: 4566, host: '127.0.0.1', region: 'us-east-1', accountId: '000000000000', logLevel: 'info' });
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
