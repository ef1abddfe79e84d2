import type Database from 'better-sqlite3';

/**
 * What wharf has stored that goes into ARNs and URLs, checked after every fuzz case: every
 * account id, region, resource name and ARN in any table must have AWS's shape, whatever the
 * requests held. Columns are found by name across the whole schema, so a new table is covered.
 */
const RULES: [RegExp, RegExp, string][] = [
  [/^account_id$/, /^\d{12}$/, '12 digits'],
  [/^region$/, /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/, 'a region'],
  [/^name$/, /^[A-Za-z0-9_.-]{1,256}$/, 'letters, digits, _ . - (1 to 256)'],
  [/(^|_)arn$/, /^arn:aws:(sqs|sns|kinesis):[a-z]{2}(-[a-z]+)+-\d{1,2}:\d{12}:[A-Za-z0-9_.:/-]+$/, 'an ARN of plain characters'],
];

export class StoredIdentifiers {
  private readonly db: Database.Database;
  private readonly checks: { where: string; rule: RegExp; shape: string; distinct: Database.Statement }[] = [];

  /** Reads through wharf's own connection: wharf holds its data directory's database exclusively. */
  constructor(db: Database.Database) {
    this.db = db;
    const tables = this.db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).pluck().all() as string[];
    for (const table of tables) {
      for (const { name: column } of this.db.pragma(`table_info("${table}")`) as { name: string }[]) {
        const rule = RULES.find(([name]) => name.test(column));
        if (rule)
          this.checks.push({
            where: `${table}.${column}`,
            rule: rule[1],
            shape: rule[2],
            distinct: this.db.prepare(`SELECT DISTINCT "${column}" FROM "${table}"`).pluck(),
          });
      }
    }
  }

  problems(): string[] {
    return this.checks.flatMap(({ where, rule, shape, distinct }) =>
      (distinct.all() as unknown[])
        .filter((v) => v !== null && (typeof v !== 'string' || !rule.test(v)))
        .map((v) => `${where} = ${JSON.stringify(v)} is not ${shape}`),
    );
  }
}
