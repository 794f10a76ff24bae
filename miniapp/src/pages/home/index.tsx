import { Button, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import {
  type ApiClient,
  ApiError,
  formatDateZh,
  formatFen,
  orgTypeName,
  type OrgType,
  type RoundView,
} from '@huiqi/shared';
import { useCallback, useEffect, useState } from 'react';
import { DemoBanner } from '../../components/demo-banner';
import { Notice } from '../../components/notice';
import { Empty, ErrorState, Loading } from '../../components/page-state';
import { api } from '../../services/api';
import { messageOf } from '../../services/errors';
import { loadPrograms, type ProgramInfo, type ProgramsAnswer, windowOpen } from '../../services/programs';
import { shanghaiYear } from '../../services/shanghai-time';
import { useUnreadBadge } from '../../hooks/use-unread-badge';
import './index.scss';

type State =
  | { kind: 'loading' }
  | { kind: 'ready'; answer: ProgramsAnswer }
  | { kind: 'empty'; message: string }
  | { kind: 'error'; message: string };

/** One line on who can apply, from the program's own condition on the kind of firm. */
const whoCanApply = (program: ProgramInfo): string => {
  const condition = program.conditions.find((c) => c.facts.includes('orgTypes'));
  const ids = condition?.expected.startsWith('any of ') ? condition.expected.slice('any of '.length).split(',') : [];
  if (ids.length === 0) return '面向符合条件的企业';
  return `面向：${ids.map((id) => orgTypeName(id as OrgType)).join('、')}`;
};

const award = (program: ProgramInfo): string =>
  program.award.amountFen !== null ? `奖励 ${formatFen(program.award.amountFen)}` : program.award.clause;

const ProgramItem = ({ program }: { program: ProgramInfo }) => {
  const perFirm = program.caps.find((c) => c.id !== 'pool' && c.amountFen !== null);
  return (
    <View className="card program" data-program={program.programId}>
      <Text className="program__measure">第{program.measure}条</Text>
      <Text className="card-title">{program.title}</Text>
      <Text className="program__award">{award(program)}</Text>
      <Text className="program__line">{whoCanApply(program)}</Text>
      {perFirm ? <Text className="program__line">上限：{perFirm.explanation}</Text> : null}
      {program.pool ? (
        <Text className="program__line">
          资金总额：{formatFen(program.pool.capFen)}（{program.pool.title}）
        </Text>
      ) : null}
      <Text className="program__line">
        {program.applicationWindow
          ? `申报时间：${formatDateZh(program.applicationWindow.opens)} 至 ${formatDateZh(program.applicationWindow.closes)}`
          : '申报批次尚未公布，公布后才能提交申报'}
      </Text>
      {program.oneOff ? <Text className="program__line">一次性奖励，每家企业限享受一次</Text> : null}
      {windowOpen(program) ? (
        <Button className="program__apply" onClick={() => void Taro.navigateTo({ url: applyUrl(program.programId) })}>
          去申报
        </Button>
      ) : null}
    </View>
  );
};

const applyUrl = (programId: string): string => `/subpackages/apply/new/index?programId=${programId}`;

/** The application rounds taking submissions today (public): window, programs, 去申报. */
export const OpenRounds = ({ client }: { client: ApiClient }) => {
  const [state, setState] = useState<
    { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; rounds: RoundView[] }
  >({ kind: 'loading' });
  const load = useCallback(async () => {
    try {
      const { rounds } = await client.listRounds({ query: { open: 'true' } });
      setState({ kind: 'ready', rounds });
    } catch (error) {
      setState({ kind: 'error', message: messageOf(error) });
    }
  }, [client]);
  useEffect(() => void load(), [load]);
  return (
    <View className="rounds">
      <Text className="section-title">正在申报的批次</Text>
      {state.kind === 'loading' ? <Loading text="正在读取申报批次…" /> : null}
      {state.kind === 'error' ? <ErrorState message={state.message} onRetry={() => void load()} /> : null}
      {state.kind === 'ready' && state.rounds.length === 0 ? (
        <View className="card round round--none" data-rounds="none">
          <Text className="card-title">目前没有正在申报的批次</Text>
          <Text className="program__line">
            新批次发布后会显示在这里，届时才能提交申报；现在可以先测一测、备好材料。
          </Text>
        </View>
      ) : null}
      {state.kind === 'ready'
        ? state.rounds.map((round) => (
            <View key={round.id} className="card round" data-round={round.id}>
              <Text className="card-title">{round.title}</Text>
              <Text className="program__line">
                申报时间：{formatDateZh(round.opens)} 至 {formatDateZh(round.closes)}
              </Text>
              {round.programs.map((program) => (
                <View key={program.programId} className="round__program" data-round-program={program.programId}>
                  <Text className="round__program-title">
                    第{program.measure}条 {program.title}
                  </Text>
                  <Button
                    className="round__apply"
                    onClick={() => void Taro.navigateTo({ url: applyUrl(program.programId) })}
                  >
                    去申报
                  </Button>
                </View>
              ))}
            </View>
          ))
        : null}
    </View>
  );
};

function HomePage() {
  useUnreadBadge();
  const [state, setState] = useState<State>({ kind: 'loading' });
  const year = shanghaiYear();

  const load = useCallback(async () => {
    setState((s) => (s.kind === 'ready' ? s : { kind: 'loading' }));
    try {
      const answer = await loadPrograms(api, year);
      setState(answer.programs.length ? { kind: 'ready', answer } : { kind: 'empty', message: '本年度暂无奖励项目' });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'NO_EDITION')
        setState({ kind: 'empty', message: `${year}年度的政策尚未发布，发布后会显示在这里` });
      else setState({ kind: 'error', message: messageOf(error) });
    }
  }, [year]);

  useEffect(() => void load(), [load]);
  usePullDownRefresh(() => void load().finally(() => Taro.stopPullDownRefresh()));

  const calculator = (
    <Button className="home__cta" onClick={() => void Taro.switchTab({ url: '/pages/calculator/index' })}>
      不用登录，测一测我能享受哪些政策
    </Button>
  );

  return (
    <View className="page home">
      {state.kind === 'ready' && state.answer.edition.demo ? <DemoBanner /> : null}
      <View className="home__hero">
        <Text className="home__title">聊城市电子商务扶持政策</Text>
        <Text className="home__subtitle">查政策、测资格、在线申报，一个小程序办完</Text>
      </View>
      {calculator}
      <OpenRounds client={api} />
      <View
        className="card home__link tap"
        role="link"
        onClick={() => void Taro.navigateTo({ url: '/subpackages/notice/index/index' })}
      >
        <Text>奖补资金公示（无需登录）</Text>
        <Text className="home__arrow" aria-hidden>
          ›
        </Text>
      </View>
      <View
        className="card home__link tap"
        role="link"
        onClick={() => void Taro.navigateTo({ url: '/subpackages/public/commendations/index' })}
      >
        <Text>县（市、区）通报表扬名单（无需登录）</Text>
        <Text className="home__arrow" aria-hidden>
          ›
        </Text>
      </View>
      <View
        className="card home__link tap"
        role="link"
        onClick={() => void Taro.navigateTo({ url: '/subpackages/whitelist/public/index' })}
      >
        <Text>电商生态链企业“白名单”推荐名单（无需登录）</Text>
        <Text className="home__arrow" aria-hidden>
          ›
        </Text>
      </View>
      {state.kind === 'loading' ? <Loading /> : null}
      {state.kind === 'error' ? <ErrorState message={state.message} onRetry={() => void load()} /> : null}
      {state.kind === 'empty' ? <Empty title={state.message} hint="可以先用政策计算器按往年政策测算" /> : null}
      {state.kind === 'ready' ? (
        <View>
          {state.answer.offline ? (
            <Notice
              text={`网络不可用，下面是小程序内置的${state.answer.edition.claimYear}年度政策，可能不是最新的；联网后下拉刷新。`}
            />
          ) : null}
          <Text className="section-title">
            {state.answer.edition.title}（共{state.answer.programs.length}项奖励）
          </Text>
          {state.answer.programs.map((program) => (
            <ProgramItem key={program.programId} program={program} />
          ))}
        </View>
      ) : null}
    </View>
  );
}

export default HomePage;
