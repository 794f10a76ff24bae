import { type DynamicModule, Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { AuthController, DemoAuthController, MeController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { LoginThrottle } from './login-throttle.js';

@Module({})
export class AuthModule {
  /** The demo sign-in route is registered only when AUTH_DEMO=1: otherwise it does not exist. */
  static register(authDemo: boolean): DynamicModule {
    return {
      module: AuthModule,
      imports: [AuditModule],
      controllers: authDemo ? [AuthController, MeController, DemoAuthController] : [AuthController, MeController],
      providers: [AuthService, LoginThrottle],
    };
  }
}
