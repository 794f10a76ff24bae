import { Button, Picker, Text, View } from '@tarojs/components';
import { type ApiClient, formatDateZh, type Role, type RoundView, type TokenSource } from '@huiqi/shared';
import { useCallback, useEffect, useState } from 'react';
import { messageOf } from '../../../services/errors';
import { yearChoices } from '../../../workbench/pools';
import { useConfirm } from '../components/confirm';
import { type DownloadedFile, saveFile } from './download';
import { NewRound } from './new-round';
import { Payments } from './payments';
import { PoolCard } from './pool-card';
import { Done } from '../components/outcome';

export interface PoolsBoardProps {
  client: ApiClient;
  tokens: TokenSource;
  role: Role;
  /** Today in Asia/Shanghai (YYYY-MM-DD): the year shown first, and the latest payment date. */
  today: string;
  /** Where an export goes: the browser's download by default. */
  save?: (file: DownloadedFile) => void;
}

/**
 * 资金池与批次: a year's rounds, each with its window, programs and pools (figures, bar, ledger,
 * export, pro-rata sharing), finance's payments, and 新建批次 for the city and administrators.
 */
export const PoolsBoard = ({ client, tokens, role, today, save = saveFile }: PoolsBoardProps) => {
  const currentYear = Number(today.slice(0, 4));
  const years = yearChoices(currentYear);
  const [year, setYear] = useState(currentYear);
  const [rounds, setRounds] = useState<RoundView[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  const { dialog, ask } = useConfirm();
  const refresh = useCallback(() => setReload((n) => n + 1), []);

  useEffect(() => {
    let live = true;
    setFailure(null);
    client
      .listRounds({ query: { year } })
      .then((answer) => live && setRounds(answer.rounds))
      .catch((error: unknown) => live && setFailure(messageOf(error)));
    return () => {
      live = false;
    };
  }, [client, year, reload]);

  const canCreate = role === 'city-reviewer' || role === 'admin';

  return (
    <View className="pools-board">
      <View className="pools-board__bar">
        <Picker
          mode="selector"
          range={years.map((y) => `${y}年度`)}
          value={Math.max(0, years.indexOf(year))}
          onChange={(e) => {
            setYear(years[Number(e.detail.value)] ?? currentYear);
            setCreating(false);
          }}
        >
          <View className="wb-button pools-board__year" data-year={year}>
            申报年度：{year}年 ▾
          </View>
        </Picker>
        {canCreate && !creating ? (
          <Button className="wb-button wb-button--primary" onClick={() => setCreating(true)}>
            新建批次
          </Button>
        ) : null}
      </View>
      <Done text={created} />
      {creating ? (
        <NewRound
          client={client}
          year={year}
          today={today}
          ask={ask}
          onCancel={() => setCreating(false)}
          onCreated={(round) => {
            setCreating(false);
            setCreated(`已发布“${round.title}”`);
            refresh();
          }}
        />
      ) : null}
      {failure ? (
        <View className="wb-alert" role="alert">
          {failure}
        </View>
      ) : !rounds ? (
        <Text className="muted">加载中…</Text>
      ) : rounds.length === 0 ? (
        <Text className="wb-alert wb-alert--info">{year}年度还没有申报批次</Text>
      ) : (
        rounds.map((round) => (
          <View key={round.id} className="round" data-round={round.id}>
            <View className="round__head">
              <Text className="round__title">{round.title}</Text>
              <Text className={`round__state${round.open ? ' round__state--open' : ''}`} data-open={String(round.open)}>
                {round.open ? '申报中' : '未在申报期'}
              </Text>
            </View>
            <Text className="round__window">
              申报时间：{formatDateZh(round.opens)} 至 {formatDateZh(round.closes)}
            </Text>
            <Text className="round__programs">
              项目：{round.programs.map((p) => `第${p.measure}条 ${p.title}`).join('；')}
            </Text>
            {round.pools.map((pool) => (
              <PoolCard
                key={pool.poolId}
                client={client}
                tokens={tokens}
                round={round}
                pool={pool}
                role={role}
                ask={ask}
                save={save}
                onChanged={refresh}
              />
            ))}
            {role === 'finance' ? (
              <Payments client={client} roundId={round.id} today={today} ask={ask} onPaid={refresh} />
            ) : null}
          </View>
        ))
      )}
      {dialog}
    </View>
  );
};
