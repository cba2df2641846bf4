import { Module } from '@nestjs/common';
import { HistoryController } from './history.controller.js';
import { HistoryHandler } from './history.handler.js';

@Module({ controllers: [HistoryController], providers: [HistoryHandler] })
export class HistoryModule {}
