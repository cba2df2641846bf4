import { Module } from '@nestjs/common';
import { TimelineController } from './timeline.controller.js';
import { TimelineHandler } from './timeline.handler.js';

@Module({ controllers: [TimelineController], providers: [TimelineHandler] })
export class TimelineModule {}
