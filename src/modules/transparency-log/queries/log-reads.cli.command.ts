import { Command, Option } from 'nest-commander';
import { InvalidInput } from '../../../libs/app-errors.js';
import { CliCommand, validateOptions } from '../../../platform/cli/cli-command.js';
import { writeOut } from '../../../platform/cli/output.js';
import { ConsistencyProofQuery } from './consistency-proof/consistency-proof.query.js';
import { ConsistencyProofParams } from './consistency-proof/consistency-proof.request.dto.js';
import { InclusionProofQuery } from './inclusion-proof/inclusion-proof.query.js';
import { InclusionProofParams } from './inclusion-proof/inclusion-proof.request.dto.js';
import { LogHeadQuery } from './log-head/log-head.query.js';
import { LogKeyQuery } from './log-key/log-key.query.js';
import { LogReceiptQuery } from './log-receipt/log-receipt.query.js';
import { LogReceiptParams } from './log-receipt/log-receipt.request.dto.js';

interface LogOptions {
  position?: string;
  treeSize?: string;
  from?: string;
  to?: string;
}

const WHAT = ['head', 'key', 'receipt', 'inclusion', 'consistency'] as const;
const NAMES = { position: '--position', treeSize: '--tree-size', from: '--from', to: '--to' };

/**
 * The transparency log's reads on the configured store, as `GET /api/log/*` answers them: one
 * JSON object on one line (a receipt appends to a partner's receipts.jsonl as it is), the key as PEM.
 */
@Command({
  name: 'log',
  arguments: '<what>',
  description: 'the transparency log: head | key | receipt --position N | inclusion --position N [--tree-size S] | consistency --from M [--to N]',
})
export class LogCommand extends CliCommand {
  @Option({ flags: '--position <n>', description: 'an event’s position in the global log' })
  parsePosition(value: string): string {
    return value;
  }

  @Option({ flags: '--tree-size <n>', description: 'the tree size to prove inclusion in (default: the latest signed head’s)' })
  parseTreeSize(value: string): string {
    return value;
  }

  @Option({ flags: '--from <n>', description: 'the earlier tree size of a consistency proof' })
  parseFrom(value: string): string {
    return value;
  }

  @Option({ flags: '--to <n>', description: 'the later tree size (default: the latest signed head’s)' })
  parseTo(value: string): string {
    return value;
  }

  async run([what]: string[], options: LogOptions): Promise<void> {
    const answer = await this.read(what, options).catch((error: unknown) => {
      throw asOptions(error);
    });
    await writeOut(typeof answer === 'string' ? answer : `${JSON.stringify(answer)}\n`);
  }

  private async read(what: string | undefined, options: LogOptions): Promise<unknown> {
    switch (what) {
      case 'head':
        return this.queries.execute(new LogHeadQuery());
      case 'key':
        return (await this.queries.execute(new LogKeyQuery())).publicKeyPem;
      case 'receipt': {
        const params = validateOptions(LogReceiptParams, { position: options.position }, NAMES);
        return this.queries.execute(new LogReceiptQuery(Number(params.position)));
      }
      case 'inclusion': {
        const params = validateOptions(InclusionProofParams, { position: options.position, treeSize: options.treeSize }, NAMES);
        return this.queries.execute(new InclusionProofQuery(Number(params.position), params.treeSize === undefined ? undefined : Number(params.treeSize)));
      }
      case 'consistency': {
        const params = validateOptions(ConsistencyProofParams, { from: options.from, to: options.to }, NAMES);
        return this.queries.execute(new ConsistencyProofQuery(Number(params.from), params.to === undefined ? undefined : Number(params.to)));
      }
      default:
        throw new InvalidInput([{ field: 'what', problems: [`what must be one of ${WHAT.join(', ')}, got "${what ?? ''}"`] }]);
    }
  }
}

/** A refusal of the query names the HTTP parameter (`to`); here it is the option (`--to`). */
function asOptions(error: unknown): unknown {
  if (!(error instanceof InvalidInput)) return error;
  const names: Record<string, string> = NAMES;
  return new InvalidInput(
    error.fields.map(({ field, problems }) => {
      const name = names[field] ?? field;
      return { field: name, problems: problems.map((p) => (p.startsWith(field) ? name + p.slice(field.length) : p)) };
    }),
  );
}
