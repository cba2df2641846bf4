import { Query } from '@nestjs/cqrs';
import type { SignedTreeHead } from '../../domain/signed-tree-head.js';

/** The latest signed tree head of the transparency log. */
export class LogHeadQuery extends Query<SignedTreeHead> {}
