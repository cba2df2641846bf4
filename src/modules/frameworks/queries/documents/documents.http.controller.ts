import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { EncodedAnswer, EncodedAnswers, etagOf, matches, sendAnswer, sendNotModified } from '../../../../platform/http/read-answers.js';
import { ApiReadErrors } from '../../../../platform/openapi/openapi.js';
import { FrameworkReader } from '../../read-path/framework-reader.js';
import { DocumentsQuery } from './documents.query.js';

const DOCUMENTS_ANSWER = {
  type: 'object',
  required: ['frameworkId', 'revision', 'documents'],
  properties: {
    frameworkId: { type: 'string', example: 'cccs13' },
    revision: { type: 'integer', example: 34 },
    documents: {
      type: 'array',
      items: {
        type: 'object',
        required: ['document', 'citations'],
        properties: {
          document: { type: 'string', description: 'The reference a source gives (`source.document`)', example: 'seeds/000_e10eef5306c53b3b.txt' },
          title: { type: 'string', description: 'The title of the document, when the registry knows it' },
          citations: { type: 'integer', description: 'How many recorded events cite it' },
        },
      },
    },
  },
};

/**
 * The documents a framework's sources cite, with their titles. Like every framework read, its ETag
 * is made of the framework's revision and the question: an If-None-Match that names it is a 304
 * before anything is read, and the answer is encoded once (gzip, brotli) and kept.
 */
@ApiTags('state')
@Controller('api/frameworks')
export class DocumentsController {
  private readonly encoded = new EncodedAnswers(4 * 1024 * 1024);

  constructor(
    private readonly queries: QueryBus,
    private readonly reader: FrameworkReader,
  ) {}

  @Get(':id/documents')
  @ApiOperation({
    summary: 'The documents the sources cite, with their titles',
    description: 'Every document named by a source of the framework (`source.document`), in the order first cited, with its title when the registry kept with the seed knows it.',
  })
  @ApiParam({ name: 'id', description: 'The framework id', example: 'cccs13' })
  @ApiOkResponse({ schema: DOCUMENTS_ANSWER })
  @ApiReadErrors()
  async documents(
    @Param('id') frameworkId: string,
    @Req() request: IncomingMessage & { originalUrl?: string },
    @Res() response: ServerResponse,
  ): Promise<void> {
    const { revision } = await this.reader.framework(frameworkId);
    const etag = etagOf(`r${revision}`, request.originalUrl ?? request.url ?? '');
    if (matches(request.headers['if-none-match'], etag)) return sendNotModified(response, etag);
    let answer = this.encoded.get(etag);
    if (!answer) {
      answer = new EncodedAnswer(Buffer.from(JSON.stringify(await this.queries.execute(new DocumentsQuery(frameworkId)))));
      this.encoded.set(etag, answer);
    }
    sendAnswer(request, response, etag, answer);
  }
}
