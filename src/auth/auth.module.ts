import { Global, Logger, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { BearerAuthGuard } from './bearer-auth.guard.js';
import { generatedToken, TokenRegistry } from './token-registry.js';

@Global()
@Module({
  providers: [
    {
      provide: TokenRegistry,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        if (config.apiTokens.size > 0) return new TokenRegistry(config.apiTokens);
        const generated = generatedToken(config.dataDir);
        new Logger('Auth').log(
          `API_TOKENS is not set: ${generated.created ? 'generated a token' : 'using the token'} for actor "${generated.actor}" stored in ${generated.file}`,
        );
        return new TokenRegistry(new Map([[generated.actor, generated.token]]));
      },
    },
    BearerAuthGuard,
  ],
  exports: [TokenRegistry, BearerAuthGuard],
})
export class AuthModule {}
