import { Injectable } from '@nestjs/common';
import { type PoolAllocation, type PoolLedger } from '@huiqi/shared';
import { type Principal } from '../../common/tokens.js';

const unbuilt = (): never => {
  throw new Error('pools are being built (issue 10)');
};

/** Pools: pro-rata sharing, ledger, finance export (issue 10: being built). */
@Injectable()
export class PoolsService {
  allocate(_p: Principal, _roundId: number, _poolId: string): Promise<PoolAllocation> {
    return unbuilt();
  }
  ledger(_p: Principal, _roundId: number, _poolId: string): Promise<PoolLedger> {
    return unbuilt();
  }
  export(_p: Principal, _roundId: number, _poolId: string, _format: 'xlsx' | 'csv'): Promise<void> {
    return unbuilt();
  }
}
