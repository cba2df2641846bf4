import { Module } from '@nestjs/common';
import { WebController } from './web.controller.js';

/** The web page served at `/` and its assets (kept as TypeScript string modules so that `dist/` holds them). */
@Module({ controllers: [WebController] })
export class WebModule {}
