import { Command, Option } from 'nest-commander';
import { InvalidInput } from '../../../../libs/app-errors.js';
import { CliCommand } from '../../../../platform/cli/cli-command.js';
import { ReportedFailure } from '../../../../platform/cli/cli-errors.js';
import { writeJson, writeOut } from '../../../../platform/cli/output.js';
import type { AuditReport } from '../../domain/audit/audit-report.js';
import { LogAudit } from '../../domain/audit/log-audit.js';
import { jsonLines, readPublicKey } from './audit-inputs.js';

interface AuditOptions {
  receipts: string;
  export: string;
  key: string;
  json?: boolean;
}

/** Problems printed by the readable report (`--json` lists up to a thousand). */
const SHOWN = 20;

/**
 * The partners' audit, offline: the receipts a partner kept for its appends, a lossless export
 * of the log (`governance export`) and the log's public key — nothing from a server, no store
 * opened. Exit 0 when the export is the history the receipts were issued for; exit 1 with the
 * first position where they disagree (or the narrowest bracket) otherwise.
 */
@Command({
  name: 'audit',
  description: 'check kept receipts against a lossless export, offline: signatures, events, tree heads; exit 1 naming the first position where they disagree',
})
export class AuditReceiptsCommand extends CliCommand {
  @Option({ flags: '--receipts <file>', description: 'the receipts kept, one JSON receipt per line (- for standard input)', required: true })
  parseReceipts(value: string): string {
    return value;
  }

  @Option({ flags: '--export <file>', description: 'a lossless export of the log: `governance export` (JSON Lines, every framework)', required: true })
  parseExport(value: string): string {
    return value;
  }

  @Option({ flags: '--key <file>', description: "the log's public key (PEM), as you received it — not as the audited server gives it today", required: true })
  parseKey(value: string): string {
    return value;
  }

  @Option({ flags: '--json', description: 'print the audit report as JSON' })
  parseJson(): boolean {
    return true;
  }

  override setCommand(command: Parameters<CliCommand['setCommand']>[0]): this {
    command.addHelpText(
      'after',
      `
Checks, without trusting the server: each receipt's tree head is signed by the key and its proof
leads to that head's root; each receipted event is in the export unchanged; each head's root is
the root of the export's first treeSize events; later heads extend earlier ones. With a receipt
for every append, the first position where the export and the receipts disagree is named exactly.
Opens no store and needs no configuration.

Example:
  governance export --out export.jsonl
  governance audit --receipts receipts.jsonl --export export.jsonl --key log-public-key.pem
`,
    );
    return super.setCommand(command);
  }

  async run(_args: string[], options: AuditOptions): Promise<void> {
    if (options.receipts === '-' && options.export === '-') {
      throw new InvalidInput([{ field: '--receipts', problems: ['--receipts and --export cannot both be standard input'] }]);
    }
    const audit = new LogAudit(await readPublicKey(options.key));
    for await (const line of jsonLines(options.export, 'export', '--export')) audit.addExportLine(line);
    let receipts = 0;
    for await (const line of jsonLines(options.receipts, 'receipt', '--receipts')) {
      audit.addReceipt(line);
      receipts++;
    }
    if (receipts === 0) throw new InvalidInput([{ field: '--receipts', problems: [`${options.receipts} holds no receipt`] }]);
    const report = audit.report();
    await (options.json ? writeJson(report) : writeOut(renderAudit(report)));
    if (!report.ok) throw new ReportedFailure(`audit failed: ${failure(report)}`);
  }
}

/** The one-line reason of a failed audit. */
function failure(report: AuditReport): string {
  if (report.firstDisagreement) return report.firstDisagreement.message;
  const refused = report.receipts.refused;
  if (refused > 0 && report.receipts.verified === 0) return `none of the ${refused} receipts verifies with the given key (${report.problems[0]?.message ?? ''})`;
  return report.problems[0]?.message ?? 'problems found';
}

export function renderAudit(report: AuditReport): string {
  const { receipts, treeHeads: heads } = report;
  const span = report.export.events === 0 ? 'an empty export' : `an export of ${report.export.events} events (to position ${report.export.lastPosition})`;
  const lines = [
    `Audit of ${receipts.read} receipts against ${span}`,
    `key ${report.keyId}`,
    '',
    `  receipts     ${receipts.verified} verified, ${receipts.refused} refused`,
    `  tree heads   ${heads.verified} verified${heads.largestTreeSize === null ? '' : ` (largest: ${heads.largestTreeSize} events)`}, ${heads.matchingExport} match the export, consistent: ${heads.consistent ? 'yes' : 'no'}${heads.forked ? ' (two histories signed with this key)' : ''}`,
    '',
  ];
  if (report.ok) {
    lines.push('OK: the export is the history the receipts were issued for.');
    return `${lines.join('\n')}\n`;
  }
  lines.push(`FAILED: ${failure(report)}`, '', `Problems (${report.problemCount}):`);
  for (const problem of report.problems.slice(0, SHOWN)) lines.push(`  ${problem.message}`);
  if (report.problemCount > SHOWN) lines.push(`  … ${report.problemCount - SHOWN} more (--json lists up to ${report.problems.length})`);
  return `${lines.join('\n')}\n`;
}
