import { Module } from '@nestjs/common';
import { AccessService } from './access.service.js';

/** Memberships and the access rules: every feature asks `requireAccess` before it touches a record. */
@Module({ providers: [AccessService], exports: [AccessService] })
export class AccessModule {}
