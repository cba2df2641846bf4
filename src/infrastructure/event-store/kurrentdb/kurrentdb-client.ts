import type { KurrentDBClient } from '@kurrent/kurrentdb-client';

/** The part of the client the adapter uses (a fake implements it in tests). */
export type KurrentClient = Pick<KurrentDBClient, 'appendToStream' | 'readStream' | 'readAll' | 'subscribeToAll' | 'dispose'>;
