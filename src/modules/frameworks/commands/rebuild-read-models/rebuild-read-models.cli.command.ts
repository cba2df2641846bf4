import { Command } from 'nest-commander';
import { CliCommand } from '../../../../platform/cli/cli-command.js';
import { writeOut } from '../../../../platform/cli/output.js';
import { formatDuration, formatRate, ProgressReporter } from '../../../../platform/cli/progress.js';
import { RebuildReadModelsCommand } from './rebuild-read-models.command.js';

/**
 * Drops the read models and projects the whole log again (RebuildReadModelsCommand), with a
 * progress bar on stderr when it is a terminal (plain lines otherwise): events done/total,
 * events per second, time left; then one line with the count and the rate.
 */
@Command({
  name: 'rebuild',
  description: 'drop the read models and project them again from the log, with progress (stop the server first)',
})
export class RebuildCommand extends CliCommand {
  async run(): Promise<void> {
    const [first, last] = await Promise.all([this.eventStore.readAll(null, 1), this.eventStore.lastPosition()]);
    // The count where the store gives one (KurrentDB's positions are byte offsets), else an estimate (positions may have gaps); the runner's reports refine it.
    const estimate = this.eventStore.countEvents ? await this.eventStore.countEvents() : last === null ? 0 : last - first[0].position + 1;
    process.stderr.write(`rebuilding the read models from about ${estimate} events…\n`);
    const progress = new ProgressReporter(process.stderr, estimate);
    const { events } = await this.commands.execute(new RebuildReadModelsCommand({ onProgress: ({ done, total }) => progress.update(done, total) }));
    const elapsedMs = progress.finish(events);
    await writeOut(`rebuilt the read models: ${events} events projected in ${formatDuration(elapsedMs)}, ${formatRate(events, elapsedMs)}\n`);
  }
}
