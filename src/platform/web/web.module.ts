import { Module } from '@nestjs/common';
import { pageCatalogue } from './event-types.js';
import { defaultWebDir, WebAssets } from './web-assets.js';
import { WebController } from './web.controller.js';

/**
 * The web page served at `/` and its static files, from the client built to dist/web (web/ at the
 * package root), with the event catalogue its recording form is made from.
 */
@Module({
  controllers: [WebController],
  providers: [{ provide: WebAssets, useFactory: () => new WebAssets(defaultWebDir(), { 'event-types.json': pageCatalogue }) }],
})
export class WebModule {}
