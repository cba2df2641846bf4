import { Module } from '@nestjs/common';
import { DiffController } from './diff.controller.js';
import { DiffHandler } from './diff.handler.js';

@Module({ controllers: [DiffController], providers: [DiffHandler] })
export class DiffModule {}
