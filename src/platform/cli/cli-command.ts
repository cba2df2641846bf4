import { Injectable, type Type } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { CommandRunner } from 'nest-commander';
import { TokenRegistry } from '../auth/token-registry.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { EVENT_STORE, type EventStore } from '../../infrastructure/event-store/event-store.port.js';
import { ProjectionRunner } from '../../infrastructure/projection/projection-runner.js';
import { InvalidInput } from '../../libs/app-errors.js';
import { EventRecorder } from '../../modules/frameworks/write-path/event-recorder.js';
import { assertValid } from '../validation/validation.js';

type CommanderCommand = Parameters<CommandRunner['setCommand']>[0];

/** How long a query waits for the read models to catch up with the log before answering. */
const CATCH_UP_MS = 60_000;

/**
 * Base of every command: its errors go to the one error handler of `main` (usage errors included,
 * exit code 2), and it reaches the application's services — the same buses, handlers, stores and
 * projection as the HTTP service — through the module reference, so that `--help` needs no store.
 */
@Injectable()
export abstract class CliCommand extends CommandRunner {
  constructor(protected readonly moduleRef: ModuleRef) {
    super();
  }

  override setCommand(command: CommanderCommand): this {
    // Commander would exit the process itself on a usage error; let main report it instead.
    command.exitOverride((error) => {
      throw error;
    });
    return super.setCommand(command);
  }

  protected service<T>(token: Type<T> | symbol): T {
    return this.moduleRef.get<T>(token as Type<T>, { strict: false });
  }

  protected get queries(): QueryBus {
    return this.service(QueryBus);
  }
  protected get commands(): CommandBus {
    return this.service(CommandBus);
  }
  protected get config(): AppConfig {
    return this.service<AppConfig>(APP_CONFIG);
  }
  protected get eventStore(): EventStore {
    return this.service<EventStore>(EVENT_STORE);
  }
  protected get projection(): ProjectionRunner {
    return this.service(ProjectionRunner);
  }
  protected get recorder(): EventRecorder {
    return this.service(EventRecorder);
  }
  protected get tokens(): TokenRegistry {
    return this.service(TokenRegistry);
  }

  /**
   * Waits until the read models include the whole log (another process — the server or an
   * earlier command — may have appended since they were last projected here).
   */
  protected async catchUp(): Promise<void> {
    const head = await this.eventStore.lastPosition();
    if (head === null) return;
    if (!(await this.projection.waitFor(head, CATCH_UP_MS))) {
      throw new Error(`the read models did not catch up with the log (position ${head}) within ${CATCH_UP_MS / 1000} s`);
    }
  }
}

/**
 * Validates option values with the DTO the HTTP controller uses; errors name the options
 * (`--known-at`) rather than the query parameters (`knownAt`).
 */
export function validateOptions<T extends object>(dto: new () => T, values: Record<string, unknown>, names: Record<string, string> = {}): T {
  const defined = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
  try {
    return assertValid(dto, defined);
  } catch (error) {
    if (!(error instanceof InvalidInput)) throw error;
    throw new InvalidInput(
      error.fields.map(({ field, problems }) => {
        const name = names[field] ?? field;
        return { field: name, problems: problems.map((p) => (p.startsWith(field) ? name + p.slice(field.length) : p)) };
      }),
    );
  }
}
