import { Body, Controller, Get, HttpCode, Post, UseInterceptors } from '@nestjs/common';
import { type Session, type SessionUser } from '@huiqi/shared';
import { CurrentUser, Public } from '../../common/auth.js';
import { Operation } from '../../common/contract.js';
import { ClientAddress } from '../../common/client-address.js';
import { RateLimited, RetryAfterInterceptor } from '../../common/rate-limit.js';
import { DemoLoginDto, RefreshDto, StaffLoginDto, WechatLoginDto } from './auth.dto.js';
import { AuthService } from './auth.service.js';
import { type Principal } from '../../common/tokens.js';

@Controller('v1/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @RateLimited('sign-in')
  @Operation('wechatLogin')
  @Post('wechat')
  @HttpCode(200)
  wechat(@Body() body: WechatLoginDto): Promise<Session> {
    return this.auth.wechatLogin(body.code);
  }

  @Public()
  @RateLimited('sign-in')
  @UseInterceptors(RetryAfterInterceptor)
  @Operation('staffLogin')
  @Post('staff')
  @HttpCode(200)
  staff(@Body() body: StaffLoginDto, @ClientAddress() address: string): Promise<Session> {
    return this.auth.staffLogin(body.username, body.password, address);
  }

  @Public()
  @RateLimited('session', 'refresh-token')
  @Operation('refreshSession')
  @Post('refresh')
  @HttpCode(200)
  refresh(@Body() body: RefreshDto): Promise<Session> {
    return this.auth.refresh(body.refreshToken);
  }

  @Public()
  @RateLimited('session', 'refresh-token')
  @Operation('logout')
  @Post('logout')
  @HttpCode(204)
  async logout(@Body() body: RefreshDto): Promise<void> {
    await this.auth.logout(body.refreshToken);
  }
}

@Controller('v1/me')
export class MeController {
  constructor(private readonly auth: AuthService) {}

  @Operation('getMe')
  @Get()
  me(@CurrentUser() user: Principal): Promise<SessionUser> {
    return this.auth.me(user);
  }
}

/** Exists only when AUTH_DEMO=1 (registered by AppModule), so production never has the route. */
@Controller('v1/auth')
export class DemoAuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @RateLimited('sign-in', 'demo-identity')
  @Operation('demoLogin')
  @Post('demo')
  @HttpCode(200)
  demo(@Body() body: DemoLoginDto): Promise<Session> {
    return this.auth.demoLogin(body.role, body.county, body.openid);
  }
}
