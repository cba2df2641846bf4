import { Command, Option } from 'nest-commander';
import { CliCommand } from '../../../../platform/cli/cli-command.js';
import { ReportedFailure } from '../../../../platform/cli/cli-errors.js';
import { note, writeJson, writeOut } from '../../../../platform/cli/output.js';
import { VerifyIntegrityQuery } from './verify-integrity.query.js';

/**
 * Checks that the log was not tampered with (VerifyIntegrityQuery, as over HTTP): the event store
 * recomputes its hash chains and names the first broken link. Exit 0 when intact, 1 when broken or when the store has no check.
 */
@Command({ name: 'verify', description: 'check the integrity of the log (hash chains): exit 0 when intact, 1 with the first broken link' })
export class VerifyCommand extends CliCommand {
  @Option({ flags: '--json', description: 'print the integrity report as JSON' })
  parseJson(): boolean {
    return true;
  }

  async run(_args: string[], options: { json?: boolean }): Promise<void> {
    // The same query as GET /api/admin/verify.
    const { verifiedAt: _at, ...report } = await this.queries.execute(new VerifyIntegrityQuery());
    if (options.json) await writeJson(report);
    if (!report.ok) {
      const broken = report.firstBroken;
      const where = broken
        ? [broken.position !== null ? `position ${broken.position}` : null, broken.eventId ? `event ${broken.eventId}` : null, broken.streamId ? `stream ${broken.streamId}` : null]
            .filter(Boolean)
            .join(', ')
        : 'unknown place';
      throw new ReportedFailure(`integrity check failed after ${report.checked} events at ${where}: ${broken?.problem ?? 'broken'}`);
    }
    const checks = report.checks;
    if (!options.json) {
      await writeOut(
        checks
          ? `${report.checked} events read: ${checks.streamChains} verified against their stream's hash chain, ` +
              `${checks.unchained} written before the chains (revisions only); no global chain on this store\n`
          : report.chained === false
            ? `${report.checked} events read; this event store keeps no hash chains, nothing to verify\n`
            : `${report.checked} events verified: the hash chains are intact\n`,
      );
    }
    if (report.chained === false && !checks) note('note: integrity is only verifiable on a store that keeps hash chains');
  }
}
