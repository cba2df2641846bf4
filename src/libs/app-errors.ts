/**
 * Errors of the application layer, shared by every entry point (HTTP, CLI).
 * The HTTP filter maps each to its status; the CLI prints the message.
 */

export interface FieldError {
  /** Path of the field at fault, e.g. `data.parties.0.kind` or `at`. */
  field: string;
  problems: string[];
}

/** 400: the request is malformed; names the fields at fault. */
export class InvalidInput extends Error {
  constructor(readonly fields: FieldError[]) {
    super(`invalid ${fields.map((f) => f.field).join(', ')}: ${fields.flatMap((f) => f.problems).join('; ')}`);
  }
}

/** 403: the actor's role does not allow it. */
export class NotAllowed extends Error {}

/** 404 */
export class FrameworkNotFound extends Error {
  constructor(readonly frameworkId: string) {
    super(`framework ${frameworkId} not found`);
  }
}

/** 409: the expected revision is not the current one. */
export class RevisionConflict extends Error {
  constructor(
    readonly frameworkId: string,
    readonly expectedRevision: number,
    readonly currentRevision: number,
  ) {
    super(`framework ${frameworkId} is at revision ${currentRevision}, not ${expectedRevision}`);
  }
}

/** 409: the framework id is taken. */
export class FrameworkExists extends Error {
  constructor(readonly frameworkId: string) {
    super(`framework ${frameworkId} already exists`);
  }
}

/** 422: a rule of the domain is broken; names the rule. */
export class RuleBroken extends Error {
  constructor(
    readonly rule: string,
    message: string,
    readonly conflictingEventId?: string,
    /** The field of the request at fault, when one is (`data.start`…). */
    readonly field?: string,
  ) {
    super(message);
  }
}

/** 503: the read models have not reached the position asked for (yet). */
export class ReadModelsBehind extends Error {
  constructor(
    readonly wanted: number,
    readonly reached: number | null,
  ) {
    super(`the read models have not reached position ${wanted} yet (at ${reached ?? 'none'}); retry shortly`);
  }
}
