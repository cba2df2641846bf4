import { Command, Option } from 'nest-commander';
import { CreateFrameworkCommand } from '../create-framework/create-framework.command.js';
import { RecordEventCommand } from './record-event.command.js';
import { InvalidInput } from '../../../../libs/app-errors.js';
import type { WriteResult } from '../../write-path/framework-writer.js';
import { ACTOR_HELP, resolveActor } from '../../../../platform/cli/actor.js';
import { CliCommand } from '../../../../platform/cli/cli-command.js';
import { UsageError } from '../../../../platform/cli/cli-errors.js';
import { parseJsonFile, readInput } from '../../../../platform/cli/input-file.js';
import { note, writeJson, writeOut } from '../../../../platform/cli/output.js';

interface AppendOptions {
  file: string;
  framework?: string;
  token?: string;
  actor?: string;
  ifMatch?: string;
  idempotencyKey?: string;
  json?: boolean;
}

/**
 * Records one event with the same validation and rules as `POST /api/frameworks/{id}/events`
 * (through the CommandBus: RecordEventCommand), or creates a framework when the file is a
 * creation body `{ id, name, ... }` (CreateFrameworkCommand, as `POST /api/frameworks`).
 */
@Command({
  name: 'append',
  description: 'record one event { type, effectiveDate, data, source } (or create a framework from { id, name, ... })',
})
export class AppendCommand extends CliCommand {
  @Option({ flags: '--file <file>', description: 'the JSON file of the event (- for standard input)', required: true })
  parseFile(value: string): string {
    return value;
  }

  @Option({ flags: '-f, --framework <id>', description: 'the framework to record the event in' })
  parseFramework(value: string): string {
    return value;
  }

  @Option({ flags: '--token <token>', description: 'a write token (default: GOVERNANCE_TOKEN); the actor recorded is its owner' })
  parseToken(value: string): string {
    return value;
  }

  @Option({ flags: '--actor <name>', description: 'the actor to record (operators of the store only, see below)' })
  parseActor(value: string): string {
    return value;
  }

  @Option({ flags: '--if-match <revision>', description: 'the revision last seen; refused (409) if the framework has moved on' })
  parseIfMatch(value: string): string {
    return value;
  }

  @Option({ flags: '--idempotency-key <key>', description: 'a retry with the same key returns the first result and appends nothing' })
  parseIdempotencyKey(value: string): string {
    return value;
  }

  @Option({ flags: '--json', description: 'print the result as JSON' })
  parseJson(): boolean {
    return true;
  }

  override setCommand(command: Parameters<CliCommand['setCommand']>[0]): this {
    command.addHelpText('after', `\n${ACTOR_HELP}\n`);
    return super.setCommand(command);
  }

  async run(_args: string[], options: AppendOptions): Promise<void> {
    const expectedRevision = parseRevision(options.ifMatch);
    const idempotencyKey = parseKey(options.idempotencyKey);
    const body = parseJsonFile(await readInput(options.file), options.file);
    const actor = resolveActor({ token: options.token, actor: options.actor }, this.config, this.tokens);
    if (actor === undefined) {
      throw new UsageError('append needs an actor: --token TOKEN (or GOVERNANCE_TOKEN), or --actor NAME for an operator of the store');
    }

    const isCreation = isRecord(body) && !('type' in body) && 'id' in body;
    let result: WriteResult;
    let what: string;
    if (isCreation) {
      if (expectedRevision !== undefined) throw new UsageError('--if-match does not apply to the creation of a framework');
      const created = await this.commands.execute(new CreateFrameworkCommand(body, actor, idempotencyKey));
      result = created;
      what = `created framework ${created.id} (${created.name})`;
    } else {
      if (options.framework === undefined) throw new UsageError('--framework is needed to record an event');
      result = await this.commands.execute(new RecordEventCommand(options.framework, body, actor, idempotencyKey, expectedRevision));
      what = `recorded ${(body as { type: string }).type} in ${options.framework}`;
    }

    if (options.json) {
      await writeJson({
        eventId: result.eventId,
        revision: result.revision,
        position: result.position,
        recordedAt: result.recordedAt,
        ...(result.replayed ? { replayed: true } : {}),
      });
    } else if (result.replayed) {
      await writeOut(`already recorded with this idempotency key, nothing appended: event ${result.eventId}, revision ${result.revision}, recorded at ${result.recordedAt}\n`);
    } else {
      await writeOut(`${what} by ${actor}: event ${result.eventId}, revision ${result.revision}, position ${result.position}, recorded at ${result.recordedAt}\n`);
    }
    if (!result.projected) note('warning: the event is stored, but the read models had not caught up yet');
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseRevision(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const text = value.replace(/^W\//, '').replace(/^"(.*)"$/, '$1');
  if (!/^\d{1,15}$/.test(text)) throw new InvalidInput([{ field: '--if-match', problems: ['--if-match must be a revision number, e.g. 34'] }]);
  return Number(text);
}

function parseKey(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!/^[\x21-\x7e]{1,200}$/.test(value)) {
    throw new InvalidInput([{ field: '--idempotency-key', problems: ['--idempotency-key must be 1 to 200 visible ASCII characters'] }]);
  }
  return value;
}
