import { Controller, Get, Inject, Module } from '@nestjs/common';
import { type Health } from '@huiqi/shared';
import { DataSource } from 'typeorm';
import { Public } from '../../common/auth.js';
import { Operation } from '../../common/contract.js';
import { type AppConfig } from '../../config/config.js';
import { APP_CONFIG } from '../../config/config.provider.js';

@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Operation('getHealth')
  @Get()
  async health(): Promise<Health> {
    const start = process.hrtime.bigint();
    let ok = true;
    try {
      await this.dataSource.query('SELECT 1');
    } catch {
      ok = false;
    }
    const latencyMs = Number(process.hrtime.bigint() - start) / 1e6;
    return {
      status: ok ? 'ok' : 'degraded',
      database: { engine: this.config.database.type, ok, latencyMs: Math.round(latencyMs * 100) / 100 },
    } satisfies Health;
  }
}

@Module({ controllers: [HealthController] })
export class HealthModule {}
