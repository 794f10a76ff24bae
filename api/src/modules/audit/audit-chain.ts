import { Injectable } from '@nestjs/common';
import { type AuditChainEntry, type AuditChainProblem, type AuditVerification } from '@huiqi/shared';
import { And, DataSource, LessThanOrEqual, MoreThan } from 'typeorm';
import { shanghaiTime } from '../../common/clock.js';
import { AuditChainHeadEntity, CHAIN_HEAD_ID } from './audit-chain-head.entity.js';
import { AuditEntity } from './audit.entity.js';
import { entryHash, GENESIS_HASH } from './chain-hash.js';

/** Entries read per query while walking the chain. */
const BATCH = 1000;

const entryOf = (e: AuditEntity): AuditChainEntry => ({
  id: e.id,
  action: e.action,
  at: e.at.toISOString(),
  hash: e.hash,
});

const named = (e: AuditChainEntry): string => `#${e.id}（${e.action}，${shanghaiTime(new Date(e.at))}）`;

/**
 * Checks the audit chain (chain-hash.ts): walks the entries in id order, recomputes every hash, and
 * answers either that the chain is intact or which entry is the first that does not hold, and how.
 * Reads only, and needs no lock: the head is read first and the walk stops at the entry it names,
 * which was committed with it, so changes written meanwhile are left for the next check.
 */
@Injectable()
export class AuditChain {
  constructor(private readonly dataSource: DataSource) {}

  async verify(): Promise<AuditVerification> {
    const heads = this.dataSource.getRepository(AuditChainHeadEntity);
    const entries = this.dataSource.getRepository(AuditEntity);
    const head = await heads.findOneBy({ id: CHAIN_HEAD_ID });
    if (!head)
      return {
        intact: false,
        entries: 0,
        first: null,
        last: null,
        broken: { problem: 'head-missing', entry: null },
        message: '审计日志的链头（audit_chain_head）缺失，无法校验',
      };

    let first: AuditChainEntry | null = null;
    let last: AuditChainEntry | null = null;
    let count = 0;
    const broken = (problem: AuditChainProblem, entry: AuditChainEntry | null, why: string): AuditVerification => ({
      intact: false,
      entries: count,
      first,
      last,
      broken: { problem, entry },
      message: entry ? `审计日志在 ${named(entry)}处断开：${why}` : `审计日志断开：${why}`,
    });

    const end = head.lastId ?? 0;
    for (let after = 0; after < end;) {
      const rows = await entries.find({
        where: { id: And(MoreThan(after), LessThanOrEqual(end)) },
        order: { id: 'ASC' },
        take: BATCH,
      });
      if (rows.length === 0) break;
      for (const row of rows) {
        const entry = entryOf(row);
        if (row.prevHash !== (last?.hash ?? GENESIS_HASH)) {
          if (row.id !== (last ? last.id + 1 : 1))
            return broken(
              'gap',
              entry,
              last
                ? `#${last.id} 与 #${row.id} 之间的记录缺失（其 prev_hash 不是 #${last.id} 的哈希）`
                : `#${row.id} 之前的记录缺失（其 prev_hash 不是链首哈希）`,
            );
          return broken(
            'prev-hash-mismatch',
            entry,
            last ? `prev_hash 不是上一条记录 #${last.id} 的哈希` : 'prev_hash 不是链首哈希',
          );
        }
        if (entryHash(row.prevHash, row) !== row.hash)
          return broken('hash-mismatch', entry, '记录内容与其哈希不符（记录或哈希被改动过）');
        first ??= entry;
        last = entry;
        count++;
      }
      after = rows[rows.length - 1]?.id ?? end;
    }

    if ((last?.id ?? null) !== head.lastId)
      return broken(
        'tail-missing',
        last,
        `链头所记的最后一条是 #${head.lastId}，链却止于此：其后的记录缺失，或链头被改动过`,
      );
    if ((last?.hash ?? GENESIS_HASH) !== head.lastHash)
      return broken('tail-missing', last, '链头所记的哈希不是这最后一条记录的哈希：链头被改动过');

    // An entry after the head's that no head written since names: it was written around the chain.
    const beyond = await entries.findOne({ where: { id: MoreThan(end) }, order: { id: 'ASC' } });
    if (beyond) {
      const now = await heads.findOneBy({ id: CHAIN_HEAD_ID });
      if (now?.lastId === null || now?.lastId === undefined || beyond.id > now.lastId)
        return broken('not-chained', entryOf(beyond), `它在链头所记的最后一条 #${end} 之后，不是经审计链写入的`);
    }

    return {
      intact: true,
      entries: count,
      first,
      last,
      broken: null,
      message:
        first && last
          ? `审计日志完整：${count} 条记录，链首 #${first.id}（${shanghaiTime(new Date(first.at))}），链尾 #${last.id}（${shanghaiTime(new Date(last.at))}，哈希 ${last.hash}）`
          : '审计日志完整：0 条记录',
    };
  }
}
