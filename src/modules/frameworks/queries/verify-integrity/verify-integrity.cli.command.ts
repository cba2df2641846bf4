import { Command, Option } from 'nest-commander';
import { CliCommand } from '../../../../platform/cli/cli-command.js';
import { ReportedFailure } from '../../../../platform/cli/cli-errors.js';
import { note, writeJson, writeOut } from '../../../../platform/cli/output.js';
import { VerifyIntegrityQuery, type VerifyReport } from './verify-integrity.query.js';

/**
 * Checks that the log was not tampered with (VerifyIntegrityQuery, as over HTTP): the event store
 * recomputes its hash chains, and the Merkle tree of the transparency log is computed again from
 * the events and held against every stored leaf and signed head. Says what it checked; exit 0
 * when everything agrees, 1 naming the first position where something does not.
 */
@Command({
  name: 'verify',
  description: 'check the integrity of the log (hash chains, Merkle tree, signed heads): exit 0 when intact, 1 naming the first position where it is not',
})
export class VerifyCommand extends CliCommand {
  @Option({ flags: '--json', description: 'print the integrity report as JSON' })
  parseJson(): boolean {
    return true;
  }

  async run(_args: string[], options: { json?: boolean }): Promise<void> {
    // The same query as GET /api/admin/verify.
    const { verifiedAt: _at, ...report } = await this.queries.execute(new VerifyIntegrityQuery());
    if (options.json) await writeJson(report);
    else await writeOut(`${chainsLine(report)}\n${treeLine(report)}\n`);
    const failures = [
      ...(report.chainsOk ? [] : [`hash chains: ${brokenLink(report)}`]),
      ...(report.transparency.ok ? [] : [`Merkle tree: ${report.transparency.firstDisagreement?.message ?? 'it disagrees with the log'}`]),
    ];
    if (failures.length > 0) throw new ReportedFailure(`integrity check failed — ${failures.join('; ')}`);
    if (report.chained === false && !report.checks) note('note: this event store keeps no hash chains; the Merkle tree was checked');
  }
}

function chainsLine(report: Omit<VerifyReport, 'verifiedAt'>): string {
  const checks = report.checks;
  if (checks) {
    return `${report.checked} events read: ${checks.streamChains} verified against their stream's hash chain, ${checks.unchained} written before the chains (revisions only); no global chain on this store`;
  }
  if (report.chained === false) return `${report.checked} events read; this event store keeps no hash chains`;
  return report.chainsOk ? `${report.checked} events verified: the hash chains are intact` : `${report.checked} events checked: a hash chain is broken`;
}

function treeLine({ transparency: t }: Omit<VerifyReport, 'verifiedAt'>): string {
  const where = t.placement === 'embedded' ? 'kept in events.db' : 'kept by this instance (transparency.db)';
  return (
    `Merkle tree (${where}): recomputed from ${t.events} events (root ${t.rootHash.slice(0, 16)}…), ${t.leaves} stored leaves compared, ` +
    `${t.heads} signed heads checked (${t.signatures} signatures valid with key ${t.keyId.slice(0, 16)}…): ` +
    (t.ok ? 'they agree with the log' : `${t.problemCount} disagreement${t.problemCount > 1 ? 's' : ''}, the first at position ${t.firstDisagreement?.position ?? 'unknown'}`)
  );
}

function brokenLink(report: Omit<VerifyReport, 'verifiedAt'>): string {
  const broken = report.firstBroken;
  const where = broken
    ? [broken.position !== null ? `position ${broken.position}` : null, broken.eventId ? `event ${broken.eventId}` : null, broken.streamId ? `stream ${broken.streamId}` : null]
        .filter(Boolean)
        .join(', ')
    : 'unknown place';
  return `after ${report.checked} events at ${where}: ${broken?.problem ?? 'broken'}`;
}
