import { Command, Option } from 'nest-commander';
import { parseIdempotencyKey, parseIfMatch } from '../../../../platform/http/http-headers.js';
import { isRecord } from '../../../../libs/records.js';
import { parseEventBody } from '../../domain/events/event-body.js';
import { CreateFrameworkCommand } from '../create-framework/create-framework.command.js';
import { parseCreateFrameworkBody } from '../create-framework/create-framework.request.dto.js';
import { RecordEventsCommand } from './record-events.command.js';
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
 * (through the CommandBus: RecordEventsCommand), or creates a framework when the file is a
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
    const expectedRevision = parseIfMatch(options.ifMatch, '--if-match');
    const idempotencyKey = parseIdempotencyKey(options.idempotencyKey, '--idempotency-key');
    const body = parseJsonFile(await readInput(options.file), options.file);
    const actor = resolveActor({ token: options.token, actor: options.actor }, this.config, this.tokens);
    if (actor === undefined) {
      throw new UsageError('append needs an actor: --token TOKEN (or GOVERNANCE_TOKEN), or --actor NAME for an operator of the store');
    }

    const isCreation = isRecord(body) && !('type' in body) && 'id' in body;
    let stored: { eventId: string; revision: number; position: number; recordedAt: string };
    let replayed: boolean;
    let projected: boolean;
    let what: string;
    if (isCreation) {
      if (expectedRevision !== undefined) throw new UsageError('--if-match does not apply to the creation of a framework');
      const request = parseCreateFrameworkBody(body);
      const created = await this.commands.execute(new CreateFrameworkCommand({ request, actor, idempotencyKey }));
      ({ replayed, projected } = created);
      stored = created.stored[0];
      what = `created framework ${request.id} (${request.name})`;
    } else {
      if (options.framework === undefined) throw new UsageError('--framework is needed to record an event');
      const event = parseEventBody(body);
      // An operator of the store (--actor) could write to the log directly: admin; a token: its owner's role.
      const role = options.actor !== undefined ? 'admin' : (this.tokens.roleOf(actor) ?? 'recorder');
      const result = await this.commands.execute(
        new RecordEventsCommand({ frameworkId: options.framework, events: [{ event }], actor, role, idempotencyKey, expectedRevision }),
      );
      if (result.dryRun) throw new Error('unexpected dry run');
      ({ replayed, projected } = result);
      stored = result.stored[0];
      what = `recorded ${event.type} in ${options.framework}`;
    }

    if (options.json) {
      await writeJson({
        eventId: stored.eventId,
        revision: stored.revision,
        position: stored.position,
        recordedAt: stored.recordedAt,
        ...(replayed ? { replayed: true } : {}),
      });
    } else if (replayed) {
      await writeOut(`already recorded with this idempotency key, nothing appended: event ${stored.eventId}, revision ${stored.revision}, recorded at ${stored.recordedAt}\n`);
    } else {
      await writeOut(`${what} by ${actor}: event ${stored.eventId}, revision ${stored.revision}, position ${stored.position}, recorded at ${stored.recordedAt}\n`);
    }
    if (!projected) note('warning: the event is stored, but the read models had not caught up yet');
  }
}
