import { type DynamicModule, Module } from '@nestjs/common';
import { AccountGate } from '../../common/account-gate.js';
import { AccessModule } from '../access/access.module.js';
import { AuditModule } from '../audit/audit.module.js';
import { AuthController, DemoAuthController, MeController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { LoginThrottle } from './login-throttle.js';
import { DisabledAccounts, StaffAccountsService } from './staff-accounts.service.js';
import { StaffController } from './staff.controller.js';

@Module({})
export class AuthModule {
  /** The demo sign-in route is registered only when AUTH_DEMO=1: otherwise it does not exist. */
  static register(authDemo: boolean): DynamicModule {
    const controllers = [AuthController, MeController, StaffController];
    return {
      module: AuthModule,
      imports: [AccessModule, AuditModule],
      controllers: authDemo ? [...controllers, DemoAuthController] : controllers,
      // The guard (AppModule's) asks AccountGate whether a staff token's account was disabled.
      providers: [
        AuthService,
        LoginThrottle,
        StaffAccountsService,
        { provide: AccountGate, useClass: DisabledAccounts },
      ],
      exports: [AccountGate],
    };
  }
}
