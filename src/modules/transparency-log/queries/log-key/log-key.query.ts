import { Query } from '@nestjs/cqrs';

export interface LogKeyAnswer {
  /** The Ed25519 public key, PEM (SPKI). */
  publicKeyPem: string;
  /** SHA-256 of its SPKI DER, hex: the `keyId` of every head. */
  keyId: string;
  algorithm: 'Ed25519';
}

/** The public key that verifies the transparency log's heads. */
export class LogKeyQuery extends Query<LogKeyAnswer> {}
