import { Command } from 'nest-commander';
import type { FrameworkListing } from './list-frameworks.query.js';
import { QueryCommand } from '../../../../platform/cli/query-command.js';
import { renderSection } from '../../../../platform/cli/table.js';
import { ListFrameworksQuery } from './list-frameworks.query.js';

@Command({ name: 'frameworks', description: 'the frameworks held, with their revision and number of events' })
export class FrameworksCommand extends QueryCommand {
  async run(_args: string[], options: { json?: boolean }): Promise<void> {
    await this.catchUp();
    const answer = await this.queries.execute(new ListFrameworksQuery());
    await this.print(answer, renderFrameworks, options.json);
  }
}

export function renderFrameworks(frameworks: FrameworkListing[]): string {
  return renderSection(
    'Frameworks',
    [
      { header: 'id' },
      { header: 'name', max: 70 },
      { header: 'revision', align: 'right' },
      { header: 'events', align: 'right' },
      { header: 'recorded history' },
      { header: 'created' },
      { header: 'updated' },
    ],
    frameworks.map((f) => [f.id, f.name, String(f.revision), String(f.eventCount), f.horizon ? `${f.horizon.from} → ${f.horizon.to}` : '', f.createdAt, f.updatedAt]),
  );
}
