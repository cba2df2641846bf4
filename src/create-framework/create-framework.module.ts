import { Module } from '@nestjs/common';
import { CreateFrameworkController } from './create-framework.controller.js';
import { CreateFrameworkHandler } from './create-framework.handler.js';

@Module({ controllers: [CreateFrameworkController], providers: [CreateFrameworkHandler] })
export class CreateFrameworkModule {}
