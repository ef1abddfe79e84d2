/** What the start-up banner (and the JSON start-up line) says about a running wharf. */
export interface StartupInfo {
  version: string;
  url: string;
  services: readonly string[];
  region: string;
  accountId: string;
  /** Where state lives: `<dir>/wharf.db`, or undefined for memory. */
  databaseFile: string | undefined;
  dashboardUrl: string | undefined;
}

export function startupSummary(info: StartupInfo): string {
  const state = info.databaseFile ? `state in ${info.databaseFile}` : 'state in memory (set WHARF_DATA_DIR to keep it)';
  return `wharf ${info.version} listening on ${info.url}; ${state}`;
}

/** The boxed banner a person sees at a terminal. */
export function startupBanner(info: StartupInfo): string {
  const rows: [string, string][] = [
    ['endpoint', info.url],
    ['services', info.services.join(', ')],
    ['region', `${info.region} (account ${info.accountId})`],
    ['state', info.databaseFile ?? 'in memory (set WHARF_DATA_DIR to keep it)'],
  ];
  if (info.dashboardUrl) rows.push(['dashboard', info.dashboardUrl]);
  const title = `wharf ${info.version}: AWS SQS, SNS and Kinesis on one port`;
  const lines = [title, '', ...rows.map(([k, v]) => `${k.padEnd(10)} ${v}`), '', `try: aws --endpoint-url ${info.url} sqs create-queue --queue-name jobs`];
  const width = Math.max(...lines.map((l) => l.length));
  const bar = '─'.repeat(width + 2);
  return [`╭${bar}╮`, ...lines.map((l) => `│ ${l.padEnd(width)} │`), `╰${bar}╯`].join('\n');
}
