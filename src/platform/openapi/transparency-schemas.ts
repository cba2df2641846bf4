import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** Shapes of the transparency log's answers (docs/transparency.md), for the OpenAPI document. */

const HASH = { type: String, pattern: '^[0-9a-f]{64}$', description: 'SHA-256, lowercase hex' } as const;

export class SignedTreeHeadSchema {
  @ApiProperty({ description: 'Number of leaves (events) the head covers', example: 1204 }) treeSize: number;
  @ApiProperty({ ...HASH, description: 'RFC 9162 Merkle tree hash of the first treeSize events (hex)' }) rootHash: string;
  @ApiProperty({ type: String, format: 'date-time', description: 'When the head was signed' }) timestamp: string;
  @ApiProperty({ ...HASH, description: 'SHA-256 of the signing public key (SPKI DER)' }) keyId: string;
  @ApiProperty({ type: String, pattern: '^[0-9a-f]{128}$', description: 'Ed25519 signature of the head (hex); what is signed: docs/transparency.md' })
  signature: string;
}

export class ReceiptSchema {
  @ApiProperty({ description: 'The event’s position in the global log' }) position: number;
  @ApiProperty({ description: 'The event’s leaf in the Merkle tree (0-based)' }) leafIndex: number;
  @ApiProperty({ ...HASH, description: 'SHA-256(0x00 ‖ leaf data): the leaf data is the canonical JSON of the stored event' }) leafHash: string;
  @ApiProperty({ type: () => SignedTreeHeadSchema, description: 'A signed head that includes the event' }) treeHead: SignedTreeHeadSchema;
  @ApiProperty({ type: [String], description: 'RFC 9162 inclusion proof from the leaf to treeHead.rootHash (hex hashes)' }) inclusionProof: string[];
}

export class PublicKeySchema {
  @ApiProperty({ description: 'The Ed25519 public key that verifies every head (PEM, SPKI)' }) publicKeyPem: string;
  @ApiProperty({ ...HASH, description: 'SHA-256 of the key’s SPKI DER: the keyId of the heads' }) keyId: string;
  @ApiProperty({ enum: ['Ed25519'] }) algorithm: string;
}

export class InclusionProofSchema {
  @ApiProperty() position: number;
  @ApiProperty() leafIndex: number;
  @ApiProperty(HASH) leafHash: string;
  @ApiProperty() treeSize: number;
  @ApiProperty({ type: [String], description: 'PATH(leafIndex, D[treeSize]) of RFC 9162 (hex)' }) proof: string[];
  @ApiPropertyOptional({ type: () => SignedTreeHeadSchema, description: 'The signed head of that size, when the service signed one' })
  treeHead?: SignedTreeHeadSchema;
}

export class ConsistencyProofSchema {
  @ApiProperty() from: number;
  @ApiProperty() to: number;
  @ApiProperty({ type: [String], description: 'PROOF(from, D[to]) of RFC 9162 (hex); empty when from is 0 or equals to' }) proof: string[];
  @ApiPropertyOptional({ type: () => SignedTreeHeadSchema, description: 'The signed head of size from, when the service signed one' })
  fromHead?: SignedTreeHeadSchema;
  @ApiPropertyOptional({ type: () => SignedTreeHeadSchema, description: 'The signed head of size to, when the service signed one' })
  toHead?: SignedTreeHeadSchema;
}
