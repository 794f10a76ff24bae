import { type CanActivate, createParamDecorator, type ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { type FastifyRequest } from 'fastify';
import { AccountGate } from './account-gate.js';
import { type Principal, TokenSigner } from './tokens.js';
import { type Role } from './roles.js';
import { AppError } from './errors.js';

const PUBLIC = 'huiqi:public';
const ROLES = 'huiqi:roles';

/** The route needs no sign-in. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC, true);

/** Only these roles may call the route (access to the record is still checked in the service). */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(ROLES, roles);

type AuthedRequest = FastifyRequest & { principal?: Principal };

/** The signed-in caller of a route the guard let through. */
export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const principal = ctx.switchToHttp().getRequest<AuthedRequest>().principal;
  if (!principal) throw new AppError('UNAUTHENTICATED', '请先登录');
  return principal;
});

/**
 * Every route requires a valid access token unless marked @Public(). A staff account disabled
 * since its token was issued is refused at once (AccountGate); applicants' tokens cost no read.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly signer: TokenSigner,
    private readonly gate: AccountGate,
  ) {}

  /** The token's caller, or an error: invalid, expired, or a disabled account's. */
  private async principalOf(token: string): Promise<Principal> {
    const principal = this.signer.verify(token);
    if (principal.role !== 'applicant' && (await this.gate.isDisabled(principal.userId)))
      throw new AppError('UNAUTHENTICATED', '账号已停用，请联系系统管理员');
    return principal;
  }

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    const request = ctx.switchToHttp().getRequest<AuthedRequest>();
    const header = request.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : undefined;
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, targets)) {
      // A public route still knows its caller when one signs in.
      if (token) {
        try {
          request.principal = await this.principalOf(token);
        } catch {
          // An expired token, or a disabled account's, does not make a public route fail.
        }
      }
      return true;
    }
    if (!token) throw new AppError('UNAUTHENTICATED', '请先登录');
    request.principal = await this.principalOf(token);
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (roles && !roles.includes(request.principal.role)) throw new AppError('FORBIDDEN', '当前账号没有权限进行此操作');
    return true;
  }
}
