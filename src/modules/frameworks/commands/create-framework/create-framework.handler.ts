import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { FrameworkWriter, type WriteResult } from '../../write-path/framework-writer.js';
import { assertValid } from '../../../../platform/validation/validation.js';
import { CreateFrameworkCommand } from './create-framework.command.js';
import { CreateFrameworkDto } from './create-framework.request.dto.js';

@CommandHandler(CreateFrameworkCommand)
export class CreateFrameworkHandler implements ICommandHandler<CreateFrameworkCommand> {
  constructor(private readonly writer: FrameworkWriter) {}

  async execute(command: CreateFrameworkCommand): Promise<WriteResult & { id: string; name: string }> {
    const dto = assertValid(CreateFrameworkDto, command.body);
    const source = dto.source
      ? { ...dto.source }
      : { document: 'api', passage: `framework ${dto.id} created by ${command.actor}`, confidence: 'stated' as const };
    const result = await this.writer.write(
      dto.id,
      {
        type: 'EstablishFramework',
        event: {
          type: 'FrameworkEstablished',
          effectiveDate: dto.effectiveDate ?? new Date().toISOString().slice(0, 10),
          data: {
            name: dto.name,
            ...(dto.description ? { description: dto.description } : {}),
            ...(dto.territory ? { territory: dto.territory } : {}),
          },
          source: JSON.parse(JSON.stringify(source)),
        },
      },
      { actor: command.actor, idempotencyKey: command.idempotencyKey },
    );
    return { ...result, id: dto.id, name: dto.name };
  }
}
