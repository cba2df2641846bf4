import { Module } from '@nestjs/common';
import { ListFrameworksController } from './list-frameworks.controller.js';
import { ListFrameworksHandler } from './list-frameworks.handler.js';

@Module({ controllers: [ListFrameworksController], providers: [ListFrameworksHandler] })
export class ListFrameworksModule {}
