import { Module } from '@nestjs/common';
import { WebAssets } from './web-assets.js';
import { WebController } from './web.controller.js';

/** The web page served at `/` and its static files, from the client built to dist/web (web/ at the package root). */
@Module({ controllers: [WebController], providers: [{ provide: WebAssets, useFactory: () => new WebAssets() }] })
export class WebModule {}
