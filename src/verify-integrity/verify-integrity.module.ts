import { Module } from '@nestjs/common';
import { VerifyIntegrityController } from './verify-integrity.controller.js';
import { VerifyIntegrityHandler } from './verify-integrity.handler.js';

@Module({ controllers: [VerifyIntegrityController], providers: [VerifyIntegrityHandler] })
export class VerifyIntegrityModule {}
