import { Option } from 'nest-commander';
import { normalizeInstant } from '../http/query-params.js';
import { CliCommand } from './cli-command.js';
import { writeJson, writeOut } from './output.js';

/** The read side: each command sends the same query as the HTTP controller, through the QueryBus. */

export const OPTION_NAMES = { at: '--at', knownAt: '--known-at', from: '--from', to: '--to', since: '--since', until: '--until', actor: '--actor', type: '--type' };
export const instantOption = (value: string | undefined) => (value === undefined ? undefined : normalizeInstant(value));

export abstract class QueryCommand extends CliCommand {
  @Option({ flags: '--json', description: 'print the exact query answer as JSON' })
  parseJson(): boolean {
    return true;
  }

  protected async print<T>(answer: T, render: (answer: T) => string, json: boolean | undefined): Promise<void> {
    await (json ? writeJson(answer) : writeOut(render(answer)));
  }
}

export abstract class FrameworkQueryCommand extends QueryCommand {
  @Option({ flags: '-f, --framework <id>', description: 'the framework, e.g. cccs13', required: true })
  parseFramework(value: string): string {
    return value;
  }
}

