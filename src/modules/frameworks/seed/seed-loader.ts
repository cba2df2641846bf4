import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore, type NewEvent } from '../../../infrastructure/event-store/event-store.port.js';
import { toNewEvent } from '../../../infrastructure/event-store/framework-stream.js';
import { APP_CONFIG, type AppConfig } from '../../../platform/config/app-config.js';
import { RecordEventsCommand } from '../commands/record-event/record-events.command.js';
import { parseEventBody } from '../domain/events/event-body.js';
import { EventRecorder, type EventToRecord } from '../write-path/event-recorder.js';
import { planSeedUpgrade, seedEventId } from './cccs13.seed-upgrade.js';
import { CCCS13_ID, CCCS13_SEED } from './cccs13.seed.js';

export const SEED_ACTOR = 'seed';

/** The seed as events to record: each validated like any request, with an id derived from its key. */
export function seedBatch(): EventToRecord[] {
  return CCCS13_SEED.map(({ key, ...body }) => ({
    event: parseEventBody(body),
    eventId: seedEventId(key),
    metadata: { seedKey: key },
  }));
}

/** The seed as the event store holds it (without the request fingerprints the write path adds). */
export function seedEvents(): NewEvent[] {
  return seedBatch().map(({ event, eventId, metadata }) => toNewEvent(event, eventId!, { actor: SEED_ACTOR, ...metadata }));
}

/**
 * On the first start of an empty store, loads the CCCS13 history through the same command as every
 * write (checked by the decider, appended in one atomic append). On every later start, brings a
 * CCCS13 history loaded from an earlier version of the seed to the current one by corrections the
 * seed records (`cccs13.seed-upgrade.ts`): once, since a corrected history plans nothing more.
 */
@Injectable()
export class SeedLoader implements OnApplicationBootstrap {
  private readonly logger = new Logger(SeedLoader.name);

  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly commands: CommandBus,
    private readonly recorder: EventRecorder,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.seed) return;
    if ((await this.events.readAll(null, 1)).length > 0) return this.upgrade();
    const result = await this.commands.execute(
      new RecordEventsCommand({ frameworkId: CCCS13_ID, events: seedBatch(), actor: SEED_ACTOR, role: 'admin' }),
    );
    if (!result.dryRun) this.logger.log(`loaded the CCCS13 history: ${result.stored.length} events`);
  }

  /** Corrects a history loaded from an earlier seed; a refusal is reported and the service starts all the same. */
  private async upgrade(): Promise<void> {
    const plan = planSeedUpgrade(await this.recorder.history(CCCS13_ID));
    if (plan.leftAlone.length > 0) this.logger.log(`CCCS13 seed facts corrected since they were loaded, left as they are: ${plan.leftAlone.join(', ')}`);
    if (plan.events.length === 0) return;
    try {
      const result = await this.commands.execute(
        new RecordEventsCommand({ frameworkId: CCCS13_ID, events: plan.events, actor: SEED_ACTOR, role: 'admin' }),
      );
      if (!result.dryRun) this.logger.log(`brought the CCCS13 history to the current seed: ${result.stored.length} events (corrections and new facts)`);
    } catch (error) {
      this.logger.error(`the CCCS13 history could not be brought to the current seed: ${(error as Error).message}`);
    }
  }
}
