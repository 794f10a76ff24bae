import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { UserEntity } from './user.entity.js';

/**
 * Where a user can be reached outside the app: their WeChat openid, for subscribe messages. A
 * plain provider (no module of its own) because AuthModule is registered dynamically, once.
 */
@Injectable()
export class UserAddresses {
  constructor(private readonly dataSource: DataSource) {}

  /** Null for a user without one (staff). */
  async openidOf(userId: number): Promise<string | null> {
    const user = await this.dataSource
      .getRepository(UserEntity)
      .findOne({ select: { id: true, openid: true }, where: { id: userId } });
    return user?.openid ?? null;
  }
}
