/**
 * The rules table of a SpamAssassin report: after a dashed line, one rule per line as
 * `points RULE_NAME description`, a long description continued on indented lines. Pure.
 */
export interface SpamRule {
  name: string;
  score: number;
  description: string;
}

const RULE_LINE = /^\s*(-?[\d.]+)\s+([A-Z0-9_]+)\s+(.*)$/;

export function parseReport(report: string): SpamRule[] {
  const lines = report.split(/\r?\n/);
  const start = lines.findIndex((line) => /^-{3,}\s+-{3,}/.test(line.trim()));
  if (start < 0) return [];
  const rules: SpamRule[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.trim() === '') continue;
    const match = RULE_LINE.exec(line);
    const last = rules.at(-1);
    if (match !== null && Number.isFinite(Number(match[1]))) {
      rules.push({ name: match[2] ?? '', score: Number(match[1]), description: (match[3] ?? '').trim() });
    } else if (last !== undefined && /^\s/.test(line)) {
      last.description = `${last.description} ${line.trim()}`;
    }
  }
  return rules;
}
