import { Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { type PoolAllocation, type PoolLedger } from '@huiqi/shared';
import { type FastifyReply } from 'fastify';
import { CurrentUser } from '../../common/auth.js';
import { Operation } from '../../common/contract.js';
import { IdPipe } from '../../common/id.pipe.js';
import { type Principal } from '../../common/tokens.js';
import { contentDisposition } from '../files/names.js';
import { PoolsService } from './pools.service.js';
import { PoolLedgerDto } from './pools.dto.js';
import { PoolExportDto } from './review.dto.js';

/** A round's pools as the workflow sees them: sharing a pro-rata pool out, the ledger, the finance export. */
@Controller('v1/rounds/:id/pools/:poolId')
export class PoolsController {
  constructor(private readonly pools: PoolsService) {}

  @Operation('allocatePool')
  @Post('allocate')
  @HttpCode(200)
  allocate(
    @CurrentUser() user: Principal,
    @Param('id', IdPipe) id: number,
    @Param('poolId') poolId: string,
  ): Promise<PoolAllocation> {
    return this.pools.allocate(user, id, poolId);
  }

  @Operation('getPoolLedger')
  @Get('ledger')
  ledger(
    @CurrentUser() user: Principal,
    @Param('id', IdPipe) id: number,
    @Param('poolId') poolId: string,
    @Query() query: PoolLedgerDto,
  ): Promise<PoolLedger> {
    return this.pools.ledger(user, id, poolId, query);
  }

  @Operation('exportPool')
  @Get('export')
  async exportPool(
    @CurrentUser() user: Principal,
    @Param('id', IdPipe) id: number,
    @Param('poolId') poolId: string,
    @Query() query: PoolExportDto,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const file = await this.pools.export(user, id, poolId, query.format);
    await reply
      .header('content-type', file.contentType)
      .header('content-length', String(file.body.length))
      .header('content-disposition', contentDisposition(file.name, true))
      .header('cache-control', 'private, no-store')
      .header('x-content-type-options', 'nosniff')
      .send(file.body);
  }
}
