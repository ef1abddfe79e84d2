import { describe, expect, it } from 'vitest';
import { ConfigError, checkedOptions, loadConfig } from '../../src/cli/config.js';

/** The message loadConfig refuses with, or '' when it accepts. */
function refusal(argv: string[], env: NodeJS.ProcessEnv): string {
  try {
    loadConfig(argv, env);
    return '';
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
}

describe('settings that would silently break wharf are refused at start', () => {
  it('refuses an idle timeout shorter than the 20 s long poll, naming flag, variable, value and reason', () => {
    expect(refusal([], { WHARF_IDLE_TIMEOUT_MS: '5000' })).toContain(
      '--idle-timeout-ms / WHARF_IDLE_TIMEOUT_MS: must be at least 20000: a ReceiveMessage long poll waits up to 20 s without a byte on the connection, and would be cut off (got "5000")',
    );
  });

  it('refuses a request timeout shorter than the 20 s long poll', () => {
    expect(refusal(['--request-timeout-ms', '1000'], {})).toMatch(
      /--request-timeout-ms \/ WHARF_REQUEST_TIMEOUT_MS: must be at least 20000, .* \(got "1000"\)/,
    );
  });

  it('accepts a timeout of exactly 20 s', () => {
    expect(refusal([], { WHARF_IDLE_TIMEOUT_MS: '20000', WHARF_REQUEST_TIMEOUT_MS: '20000' })).toBe('');
  });

  it('refuses a WHARF_HOSTNAME that is not an http(s)://host:port URL', () => {
    for (const bad of ['wharf:4566', 'ftp://wharf', 'http://wharf:4566/queues', 'not a url']) {
      expect(refusal([], { WHARF_HOSTNAME: bad })).toContain(
        `--hostname / WHARF_HOSTNAME: expected a URL of the form http://host:port (no path), the start of every queue URL, e.g. http://wharf:4566 (got ${JSON.stringify(bad)})`,
      );
    }
    expect(loadConfig([], { WHARF_HOSTNAME: 'https://wharf.test:4566' }).hostname).toBe('https://wharf.test:4566');
  });

  it('refuses an empty WHARF_PORT instead of falling back to 4566', () => {
    expect(refusal([], { WHARF_PORT: '' })).toContain(
      '--port / WHARF_PORT: is set but empty; give a value or unset WHARF_PORT for the default (4566) (got "")',
    );
    // A flag supersedes the empty variable.
    expect(loadConfig(['--port', '5000'], { WHARF_PORT: '' }).port).toBe(5000);
  });

  it('reads an empty WHARF_DATA_DIR as "in memory", its documented meaning', () => {
    expect(loadConfig([], { WHARF_DATA_DIR: '' }).dataDir).toBeUndefined();
  });

  it('refuses a port that is not a number 0–65535', () => {
    expect(refusal([], { WHARF_PORT: 'abc' })).toContain('--port / WHARF_PORT: expected a port number 0–65535 (0: any free port) (got "abc")');
    expect(refusal(['--port', '70000'], {})).toContain('expected a port number 0–65535');
    expect(refusal(['--port', '45.5'], {})).toContain('expected a port number 0–65535');
  });

  it('refuses a boolean other than true/false (1/0, yes/no), and says what is accepted', () => {
    expect(refusal([], { WHARF_ADMIN: 'off' })).toContain('--admin / WHARF_ADMIN: expected true or false (also accepted: 1 or 0, yes or no) (got "off")');
    expect(refusal([], { WHARF_KINESIS_ENFORCE_LIMITS: 'TRUE' })).toContain('expected true or false');
    expect(loadConfig([], { WHARF_ADMIN: 'no', WHARF_SNS_ENFORCE_QUEUE_POLICY: 'yes', WHARF_KINESIS_ENFORCE_LIMITS: '1' })).toMatchObject({
      admin: false,
      snsEnforceQueuePolicy: true,
      kinesisEnforceLimits: true,
    });
  });

  it('reports every bad setting at once, one line each', () => {
    const message = refusal([], { WHARF_PORT: 'abc', WHARF_ADMIN: 'maybe', WHARF_IDLE_TIMEOUT_MS: '' });
    expect(message.split('\n')).toHaveLength(4);
  });
});

describe('options given in code (startServer, startWharf)', () => {
  it('refuses an unknown key in one sentence, suggesting the option meant', () => {
    expect(() => checkedOptions({ prot: 0 }, 'startWharf')).toThrow(
      /^startWharf: unknown option "prot" \(did you mean "port"\?\)\. The options are port, host, /,
    );
    expect(() => checkedOptions({ datadir: '/tmp/x' }, 'startWharf')).toThrow('unknown option "datadir" (did you mean "dataDir"?)');
  });

  it('refuses a bad value in one readable sentence, not a ZodError dump', () => {
    let message = '';
    try {
      checkedOptions({ port: 'abc', region: 'nowhere' }, 'startWharf');
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(
      /^startWharf: port: expected a port number 0–65535 \(0: any free port\) \(got "abc"\); region: must look like an AWS region, e.g. us-east-1 \(got "nowhere"\)\. /,
    );
    expect(message).not.toContain('\n');
    expect(message).not.toContain('"code"');
  });

  it('accepts what it returned (startWharf hands its result to startServer)', () => {
    const once = checkedOptions({ port: 0, hostname: 'http://wharf:4566', credentials: 'AKID:secret', verifySignatures: 'true' }, 'startWharf');
    expect(checkedOptions(once, 'startServer')).toEqual(once);
  });
});

describe('--help and the banner point the AWS CLI at wharf in a way every CLI version honours', () => {
  it('leads with aws --endpoint-url and says which versions honour AWS_ENDPOINT_URL', async () => {
    const { helpText } = await import('../../src/cli/config.js');
    const { startupBanner } = await import('../../src/cli/banner.js');
    expect(helpText()).toContain('  aws --endpoint-url http://localhost:4566 sqs create-queue --queue-name jobs');
    expect(helpText()).toContain('AWS_ENDPOINT_URL=http://localhost:4566 works with AWS CLI v2 2.13.0 and later');
    const banner = startupBanner({
      version: '0.1.0',
      url: 'http://127.0.0.1:4566',
      services: ['sqs'],
      region: 'us-east-1',
      accountId: '000000000000',
      databaseFile: undefined,
      dashboardUrl: undefined,
    });
    expect(banner).toContain('try: aws --endpoint-url http://127.0.0.1:4566 sqs create-queue --queue-name jobs');
  });
});
