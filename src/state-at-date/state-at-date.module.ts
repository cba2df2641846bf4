import { Module } from '@nestjs/common';
import { StateAtDateController } from './state-at-date.controller.js';
import { StateAtDateHandler } from './state-at-date.handler.js';

@Module({ controllers: [StateAtDateController], providers: [StateAtDateHandler] })
export class StateAtDateModule {}
