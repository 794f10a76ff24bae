import { Button, Picker, Text, View } from '@tarojs/components';
import {
  type ApiClient,
  CITY_TARGETS_YEAR,
  type CommendationPublication,
  type CommendationsDraft,
  type Role,
} from '@huiqi/shared';
import { useCallback, useEffect, useState } from 'react';
import { CommendationLists } from '../../../commendations/lists';
import { messageOf } from '../../../services/errors';
import { formatDateTimeZh } from '../../../services/shanghai-time';
import { useConfirm } from '../components/confirm';
import { Done, Refused } from '../components/outcome';

export interface CommendationsBoardProps {
  client: ApiClient;
  role: Role;
  /** Today (YYYY-MM-DD): the last year offered. */
  today: string;
}

/** The years offered: the measures' own (they run to the end of 2023) up to this year, newest first. */
export const commendationYears = (today: string): number[] => {
  const current = Math.max(CITY_TARGETS_YEAR, Number(today.slice(0, 4)));
  return Array.from({ length: current - CITY_TARGETS_YEAR + 1 }, (_, i) => current - i);
};

/**
 * 通报表扬: the city computes a year's lists from the stored monthly figures, reviews them (ranks,
 * values, clauses, the months covered) and publishes them; a publication supersedes the one before,
 * which is kept. The administrator may compute and read but not publish.
 */
export const CommendationsBoard = ({ client, role, today }: CommendationsBoardProps) => {
  const years = commendationYears(today);
  const [year, setYear] = useState(CITY_TARGETS_YEAR);
  const [draft, setDraft] = useState<CommendationsDraft | null>(null);
  const [published, setPublished] = useState<CommendationPublication | null | undefined>(undefined);
  const [failure, setFailure] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { dialog, ask } = useConfirm();

  // The years published first: a year never published is no error to ask about.
  const loadPublished = useCallback(async () => {
    try {
      const { years: published } = await client.listPublishedCommendations();
      setPublished(
        published.some((p) => p.year === year) ? await client.getPublishedCommendations({ params: { year } }) : null,
      );
    } catch (error) {
      setFailure(messageOf(error));
    }
  }, [client, year]);

  useEffect(() => {
    setDraft(null);
    setDone(null);
    setFailure(null);
    setPublished(undefined);
    void loadPublished();
  }, [loadPublished]);

  const compute = async () => {
    setBusy(true);
    setFailure(null);
    setDone(null);
    try {
      setDraft(await client.draftCommendations({ query: { year } }));
    } catch (error) {
      setDraft(null);
      setFailure(messageOf(error));
    } finally {
      setBusy(false);
    }
  };

  const publish = async () => {
    if (!draft) return;
    const next = (published?.version ?? 0) + 1;
    const ok = await ask({
      title: `发布${year}年度通报表扬名单`,
      body: (
        <Text>
          将按当前数据（{draft.inputs.coverage}）重新计算并发布为第{next}版，所有人无需登录即可查看。
          {published ? `第${published.version}版将被取代，但仍保留可查。` : ''}
        </Text>
      ),
      confirmText: '发布',
    });
    if (!ok) return;
    setBusy(true);
    setFailure(null);
    try {
      const made = await client.publishCommendations({ body: { year } });
      setPublished(made);
      setDraft({ inputs: made.inputs, result: made.result });
      setDone(`已发布${year}年度通报表扬名单（第${made.version}版）`);
    } catch (error) {
      setFailure(messageOf(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="commendations-board">
      <View className="commendations-board__bar">
        <Picker
          mode="selector"
          range={years.map((y) => `${y}年度`)}
          value={Math.max(0, years.indexOf(year))}
          onChange={(e) => setYear(years[Number(e.detail.value)] ?? CITY_TARGETS_YEAR)}
        >
          <View className="wb-button" data-year={year}>
            年度：{year}年 ▾
          </View>
        </Picker>
        <Button className="wb-button" disabled={busy} onClick={() => void compute()}>
          计算名单
        </Button>
        {role === 'city-reviewer' && draft ? (
          <Button className="wb-button wb-button--primary" disabled={busy} onClick={() => void publish()}>
            发布名单
          </Button>
        ) : null}
      </View>
      <Done text={done} />
      <Refused text={failure} />
      <View className="commendations-board__published wb-card" data-published={published ? published.version : 'none'}>
        {published === undefined ? (
          <Text className="muted">加载中…</Text>
        ) : published === null ? (
          <Text>{year}年度尚未发布通报表扬名单</Text>
        ) : (
          <View>
            <Text>
              已发布第{published.version}版（{formatDateTimeZh(published.publishedAt)}，{published.inputs.coverage}）
            </Text>
            {published.versions.length > 1 ? (
              <Text className="muted">
                历次版本：
                {published.versions
                  .map((v) => `第${v.version}版 ${formatDateTimeZh(v.publishedAt)}（${v.coverage}）`)
                  .join('；')}
              </Text>
            ) : null}
          </View>
        )}
      </View>
      {draft ? (
        <View className="commendations-board__draft">
          <Text className="card-title">{done ? '已发布的名单' : '计算结果（尚未发布）'}</Text>
          <CommendationLists inputs={draft.inputs} result={draft.result} />
        </View>
      ) : published ? (
        <View className="commendations-board__draft">
          <Text className="card-title">已发布的名单（第{published.version}版）</Text>
          <CommendationLists inputs={published.inputs} result={published.result} />
        </View>
      ) : null}
      {dialog}
    </View>
  );
};
