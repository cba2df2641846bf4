import { Global, Logger, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { AuthFailureThrottle } from './auth-failure-throttle.js';
import { BearerAuthGuard } from './bearer-auth.guard.js';
import { OptionalBearerAuthGuard } from './optional-bearer-auth.guard.js';
import { generatedToken, TokenRegistry } from './token-registry.js';
import { WriteRateLimiter } from './write-rate-limiter.js';

@Global()
@Module({
  providers: [
    {
      provide: TokenRegistry,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        if (config.apiTokens.size > 0) return TokenRegistry.fromTokens(config.apiTokens, config.apiAdmins);
        const generated = generatedToken(config.dataDir);
        new Logger('Auth').log(
          generated.created
            ? `API_TOKENS is not set: generated a token for actor "${generated.actor}" (role admin), written to ${generated.file} (owner-only); the service keeps only its SHA-256`
            : `API_TOKENS is not set: using the generated token of actor "${generated.actor}" (its token was written to ${generated.file})`,
        );
        return new TokenRegistry([{ actor: generated.actor, role: 'admin', digest: generated.digest }]);
      },
    },
    { provide: WriteRateLimiter, inject: [APP_CONFIG], useFactory: (config: AppConfig) => new WriteRateLimiter(config.writeRateLimit) },
    { provide: AuthFailureThrottle, inject: [APP_CONFIG], useFactory: (config: AppConfig) => new AuthFailureThrottle(config.authFailures) },
    BearerAuthGuard,
    OptionalBearerAuthGuard,
  ],
  exports: [TokenRegistry, WriteRateLimiter, AuthFailureThrottle, BearerAuthGuard, OptionalBearerAuthGuard],
})
export class AuthModule {}
