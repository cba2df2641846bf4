import { Module } from '@nestjs/common';
import { RecordEventController } from './record-event.controller.js';
import { RecordEventHandler } from './record-event.handler.js';

@Module({ controllers: [RecordEventController], providers: [RecordEventHandler] })
export class RecordEventModule {}
