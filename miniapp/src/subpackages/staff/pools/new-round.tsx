import { Button, Input, Picker, Text, View } from '@tarojs/components';
import {
  type ApiClient,
  formatFen,
  POOL_SHARING_LABELS,
  type PoolSharing,
  type ProgramCatalogue,
  type ProgramId,
  type RoundView,
} from '@huiqi/shared';
import { type ReactNode, useEffect, useMemo, useState } from 'react';
import { busyProps } from '../../../components/busy';
import { messageOf } from '../../../services/errors';
import { detailErrorsOf, roundRequestOf } from '../../../workbench/pools';

type Ask = (question: { title: string; body: ReactNode; confirmText?: string; danger?: boolean }) => Promise<boolean>;

const FieldError = ({ text }: { text: string | undefined }) =>
  text ? (
    <View className="wb-field__error" role="alert">
      {text}
    </View>
  ) : null;

/**
 * 新建批次 (city reviewers, administrators): title, year, window, the programs of the year's
 * edition and, for each pool they draw on, the round's amount in yuan and its sharing rule. The
 * API's refusals are shown beside the field they name.
 */
export const NewRound = ({
  client,
  year,
  today,
  ask,
  onCreated,
  onCancel,
}: {
  client: ApiClient;
  year: number;
  today: string;
  ask: Ask;
  onCreated: (round: RoundView) => void;
  onCancel: () => void;
}) => {
  const [catalogue, setCatalogue] = useState<ProgramCatalogue | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [title, setTitle] = useState(`${year}年度电商政策资金申报`);
  const [opens, setOpens] = useState(today);
  const [closes, setCloses] = useState(today);
  const [programs, setPrograms] = useState<ProgramId[]>([]);
  const [amounts, setAmounts] = useState<Record<string, string>>({});
  const [sharing, setSharing] = useState<Record<string, PoolSharing>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    client
      .listPrograms({ query: { year } })
      .then((answer) => {
        if (!live) return;
        setCatalogue(answer);
        setPrograms(answer.programs.map((p) => p.programId));
      })
      .catch((error: unknown) => live && setFailure(messageOf(error)));
    return () => {
      live = false;
    };
  }, [client, year]);

  // The pools the chosen programs draw on, each once, in the catalogue's order.
  const pools = useMemo(() => {
    const out: { poolId: string; title: string; editionCapFen: number | null }[] = [];
    for (const p of catalogue?.programs ?? [])
      if (programs.includes(p.programId) && !out.some((x) => x.poolId === p.poolId))
        out.push({ poolId: p.poolId, title: p.pool?.title ?? p.poolId, editionCapFen: p.pool?.capFen ?? null });
    return out;
  }, [catalogue, programs]);

  const toggle = (programId: ProgramId) =>
    setPrograms((list) => (list.includes(programId) ? list.filter((p) => p !== programId) : [...list, programId]));

  const create = async () => {
    setFailure(null);
    const read = roundRequestOf({
      title,
      claimYear: String(year),
      opens,
      closes,
      programs,
      pools: pools.map((p) => ({
        poolId: p.poolId,
        capYuan: amounts[p.poolId] ?? '',
        sharing: sharing[p.poolId] ?? 'order',
      })),
    });
    if (!read.ok) {
      setErrors(read.errors);
      setFailure('有填写不正确的地方，请按提示修改');
      return;
    }
    setErrors({});
    const ok = await ask({
      title: '发布申报批次',
      body: (
        <View>
          <Text>
            发布“{read.body.title}”：{read.body.opens} 至 {read.body.closes} 接受申报，共 {read.body.programs.length}{' '}
            个项目。发布后企业即可看到。
          </Text>
          {read.body.pools.map((p) => (
            <Text key={p.poolId} className="new-round__pool-line">
              {pools.find((x) => x.poolId === p.poolId)?.title ?? p.poolId}：{formatFen(p.capFen)}，
              {POOL_SHARING_LABELS[p.sharing]}
            </Text>
          ))}
        </View>
      ),
      confirmText: '确定发布',
    });
    if (!ok) return;
    setBusy(true);
    try {
      onCreated(await client.createRound({ body: read.body }));
    } catch (error) {
      setErrors(detailErrorsOf(error));
      setFailure(messageOf(error));
    } finally {
      setBusy(false);
    }
  };

  if (!catalogue)
    return (
      <View className="wb-card new-round">
        {failure ? (
          <View className="wb-alert" role="alert">
            {failure}
          </View>
        ) : (
          <Text className="muted">加载{year}年度的项目…</Text>
        )}
      </View>
    );

  return (
    <View className="wb-card new-round" data-new-round={year}>
      <Text className="new-round__title">
        新建{year}年度申报批次（{catalogue.edition.title}）
      </Text>
      <View className="wb-field" data-field="title">
        <Text className="wb-field__label">批次名称</Text>
        <Input className="wb-field__input" value={title} maxlength={100} onInput={(e) => setTitle(e.detail.value)} />
        <FieldError text={errors['title']} />
      </View>
      <FieldError text={errors['claimYear']} />
      <View className="new-round__window">
        <View className="wb-field" data-field="opens">
          <Text className="wb-field__label">开始申报</Text>
          <Picker mode="date" value={opens} onChange={(e) => setOpens(String(e.detail.value))}>
            <View className="wb-field__input">{opens}</View>
          </Picker>
          <FieldError text={errors['opens']} />
        </View>
        <View className="wb-field" data-field="closes">
          <Text className="wb-field__label">截止申报</Text>
          <Picker mode="date" value={closes} start={opens} onChange={(e) => setCloses(String(e.detail.value))}>
            <View className="wb-field__input">{closes}</View>
          </Picker>
          <FieldError text={errors['closes']} />
        </View>
      </View>
      <View className="wb-field" data-field="programs">
        <Text className="wb-field__label">项目</Text>
        {catalogue.programs.map((p) => (
          <View
            key={p.programId}
            className="new-round__program"
            role="checkbox"
            aria-checked={programs.includes(p.programId)}
            data-program={p.programId}
            onClick={() => toggle(p.programId)}
          >
            <Text>
              {programs.includes(p.programId) ? '☑' : '☐'} 第{p.measure}条 {p.title}
            </Text>
          </View>
        ))}
        <FieldError text={errors['programs']} />
      </View>
      {pools.map((pool, i) => (
        <View key={pool.poolId} className="wb-field new-round__pool" data-field={`pools[${i}]`}>
          <Text className="wb-field__label">
            {pool.title}
            {pool.editionCapFen === null ? '' : `（政策总额 ${formatFen(pool.editionCapFen)}）`}
          </Text>
          <Input
            className="wb-field__input"
            value={amounts[pool.poolId] ?? ''}
            placeholder="本批次额度（元），例如 1500000"
            onInput={(e) => setAmounts((a) => ({ ...a, [pool.poolId]: e.detail.value }))}
          />
          <FieldError text={errors[`pools[${i}].capFen`] ?? errors[`pools[${i}]`]} />
          <View className="new-round__sharing">
            {(['order', 'pro-rata'] as const).map((s) => (
              <Button
                key={s}
                className={`wb-button${(sharing[pool.poolId] ?? 'order') === s ? ' wb-button--primary' : ''}`}
                aria-pressed={(sharing[pool.poolId] ?? 'order') === s}
                onClick={() => setSharing((x) => ({ ...x, [pool.poolId]: s }))}
              >
                {POOL_SHARING_LABELS[s]}
              </Button>
            ))}
          </View>
          <FieldError text={errors[`pools[${i}].sharing`]} />
        </View>
      ))}
      <FieldError text={errors['pools']} />
      {failure ? (
        <View className="wb-alert" role="alert">
          {failure}
        </View>
      ) : null}
      <View className="new-round__buttons">
        <Button className="wb-button" onClick={onCancel}>
          取消
        </Button>
        <Button className="wb-button wb-button--primary" {...busyProps(busy)} onClick={() => void create()}>
          发布批次
        </Button>
      </View>
    </View>
  );
};
