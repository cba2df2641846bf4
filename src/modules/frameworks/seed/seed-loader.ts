import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../platform/config/app-config.js';
import { decide, evolve, initialHistory } from '../domain/decider/framework.decider.js';
import type { RecordedEvent } from '../domain/events/framework.events.js';
import { EVENT_STORE, type EventStore } from '../../../infrastructure/event-store/event-store.port.js';
import { streamIdOf, toNewEvent } from '../../../infrastructure/event-store/framework-stream.js';
import { ProjectionRunner } from '../../../infrastructure/projection/projection-runner.js';
import { validateEventBody } from '../commands/record-event/event-body.validation.js';
import { uuidFromName } from '../../../libs/ids.js';
import { CCCS13_ID, CCCS13_SEED } from './cccs13.seed.js';

export const SEED_ACTOR = 'seed';

/** The seed as the events to append: validated like any request, checked by the decider. */
export function seedEvents() {
  let history = initialHistory(CCCS13_ID);
  return CCCS13_SEED.map(({ key, ...body }, index) => {
    const event = validateEventBody(body);
    const decision = decide({ type: index === 0 ? 'EstablishFramework' : 'RecordEvent', event } as never, history);
    if (!decision.ok) throw new Error(`seed event ${key} refused: ${decision.refusal.rule}: ${decision.refusal.message}`);
    const eventId = uuidFromName(`${CCCS13_ID}|seed|${key}`);
    history = evolve(history, {
      ...event,
      eventId,
      frameworkId: CCCS13_ID,
      revision: index,
      position: index,
      recordedAt: '',
      recordedBy: SEED_ACTOR,
    } as RecordedEvent);
    return toNewEvent(event, eventId, { actor: SEED_ACTOR, seedKey: key });
  });
}

/** On the first start of an empty store, loads the CCCS13 history in one atomic append. */
@Injectable()
export class SeedLoader implements OnApplicationBootstrap {
  private readonly logger = new Logger(SeedLoader.name);

  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly projection: ProjectionRunner,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.seed) return;
    if ((await this.events.readAll(null, 1)).length > 0) return;
    const result = await this.events.append(streamIdOf(CCCS13_ID), seedEvents(), 'no_stream');
    await this.projection.waitFor(result.events[result.events.length - 1].position, 30_000);
    this.logger.log(`loaded the CCCS13 history: ${result.events.length} events`);
  }
}
