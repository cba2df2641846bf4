import { Command, Option } from 'nest-commander';
import { InvalidInput } from '../../../../libs/app-errors.js';
import { KnownAtParams } from '../../../../platform/http/query-params.js';
import { validateOptions } from '../../../../platform/cli/cli-command.js';
import { FrameworkQueryCommand, instantOption, OPTION_NAMES } from '../../../../platform/cli/query-command.js';
import { short } from '../../../../platform/cli/render.js';
import { renderTable } from '../../../../platform/cli/table.js';
import { ITEM_KINDS } from '../../domain/state/item-kinds.js';
import { ItemVersionsQuery, type ItemVersionsAnswer } from './item-versions.query.js';

interface VersionsOptions {
  framework: string;
  item?: string;
  knownAt?: string;
  json?: boolean;
}

@Command({ name: 'versions', description: 'the versions of each item over effective time: in force from … to …, and the facts behind each change' })
export class VersionsCommand extends FrameworkQueryCommand {
  @Option({ flags: '--item <kind:id>', description: 'only this item, e.g. convention:cc-2003' })
  parseItem(value: string): string {
    return value;
  }

  @Option({ flags: '--known-at <instant>', description: 'as the record stood at this instant (ISO 8601); default: now' })
  parseKnownAt(value: string): string {
    return value;
  }

  async run(_args: string[], options: VersionsOptions): Promise<void> {
    const params = validateOptions(KnownAtParams, { knownAt: options.knownAt }, OPTION_NAMES);
    const [kind, id] = options.item?.split(':') ?? [];
    if (options.item !== undefined && (!(ITEM_KINDS as readonly string[]).includes(kind) || !id)) {
      throw new InvalidInput([{ field: '--item', problems: [`--item must be kind:id with a kind among ${ITEM_KINDS.join(', ')}`] }]);
    }
    await this.catchUp();
    const answer = await this.queries.execute(new ItemVersionsQuery(options.framework, instantOption(params.knownAt)));
    const only = options.item === undefined ? answer : { ...answer, items: answer.items.filter((i) => i.kind === kind && i.id === id) };
    await this.print(only, renderVersions, options.json);
  }
}

export function renderVersions(answer: ItemVersionsAnswer): string {
  const known = answer.knownAt ? `as known at ${answer.knownAt}` : 'as known now';
  const rows = answer.items.flatMap((item) =>
    item.versions.map((v, i) => [
      i === 0 ? `${item.kind} ${item.id}` : '',
      i === 0 ? item.name : '',
      v.validFrom,
      v.validTo === null ? '—' : v.validTo,
      v.changedBy.map(short).join(', '),
    ]),
  );
  return (
    `Versions of the items of ${answer.frameworkId}, ${known} (revision ${answer.revision}): in force from the first day, until the day before "until"\n\n` +
    (rows.length === 0
      ? '  (none)\n'
      : renderTable([{ header: 'item' }, { header: 'name', max: 50 }, { header: 'from' }, { header: 'until' }, { header: 'changed by' }], rows))
  );
}
