import { Button, Input, Picker, Text, View } from '@tarojs/components';
import {
  type ApiClient,
  countyName,
  type CountyId,
  type ImportProblem,
  MONTHLY_FIGURES_FIELDS,
  type MonthlyFiguresField,
  type MonthlyFiguresList,
  type MonthlyFiguresRecord,
  type TokenSource,
} from '@huiqi/shared';
import { useCallback, useEffect, useState } from 'react';
import { busyProps } from '../../../components/busy';
import { messageOf } from '../../../services/errors';
import { yearChoices } from '../../../workbench/pools';
import {
  averagesOf,
  bpToPercent,
  fenToWan,
  importProblemsOf,
  monthDraftOf,
  monthsOpen,
  monthValuesOf,
} from '../../../workbench/statistics';
import { Done, Refused } from '../components/outcome';
import { type DownloadedFile, fetchFile, saveFile } from '../pools/download';

const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);
const SPREADSHEET_ACCEPT =
  '.xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv,application/vnd.ms-excel';

/** A spreadsheet the user picks (the browser's file picker); null when they close it. */
const pickSpreadsheet = (): Promise<{ name: string; type: string; content: Uint8Array } | null> =>
  new Promise((resolve, reject) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = SPREADSHEET_ACCEPT;
    input.style.display = 'none';
    input.setAttribute('data-testid', 'statistics-file-input');
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      input.remove();
      if (!file) return resolve(null);
      file
        .arrayBuffer()
        .then((bytes) => resolve({ name: file.name, type: file.type, content: new Uint8Array(bytes) }), reject);
    });
    input.addEventListener('cancel', () => {
      input.remove();
      resolve(null);
    });
    document.body.appendChild(input);
    input.click();
  });

export interface StatisticsBoardProps {
  client: ApiClient;
  tokens: TokenSource;
  /** Today in Asia/Shanghai (YYYY-MM-DD), the API's: no month after this one is entered. */
  today: string;
  /** Where a download goes: the browser's by default. */
  save?: (file: DownloadedFile) => void;
  /** The year shown first (not after today's); the current year by default. */
  initialYear?: number | undefined;
}

/**
 * 运行监测 (十二): a year's counties × months (a county reviewer: their own county), a month's
 * form, the import of a file (each refused row and column listed), the template and the monthly
 * feedback to download, and the province's averages for those who set them.
 */
export const StatisticsBoard = ({ client, tokens, today, save = saveFile, initialYear }: StatisticsBoardProps) => {
  const currentYear = Number(today.slice(0, 4));
  const first =
    initialYear !== undefined && initialYear <= currentYear && initialYear >= 1900 ? initialYear : currentYear;
  const years = [...new Set([...yearChoices(currentYear), first])]
    .filter((y) => y <= currentYear)
    .sort((a, b) => b - a);
  const [year, setYear] = useState(first);
  const [list, setList] = useState<MonthlyFiguresList | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [refused, setRefused] = useState<string | null>(null);
  const [problems, setProblems] = useState<ImportProblem[]>([]);
  const [editing, setEditing] = useState<{ county: CountyId; month: number } | null>(null);
  const [busy, setBusy] = useState(false);
  const [reload, setReload] = useState(0);
  const refresh = useCallback(() => setReload((n) => n + 1), []);

  useEffect(() => {
    let live = true;
    setFailure(null);
    client
      .listMonthlyFigures({ query: { year } })
      .then((answer) => live && setList(answer))
      .catch((error: unknown) => live && setFailure(messageOf(error)));
    return () => {
      live = false;
    };
  }, [client, year, reload]);

  const recordOf = (county: CountyId, month: number): MonthlyFiguresRecord | undefined =>
    list?.records.find((r) => r.county === county && r.month === month);

  const say = (text: string | null, refusal: string | null = null, listed: ImportProblem[] = []) => {
    setDone(text);
    setRefused(refusal);
    setProblems(listed);
  };

  const importFile = async () => {
    const file = await pickSpreadsheet();
    if (!file) return;
    setBusy(true);
    say(null);
    try {
      const result = await client.importMonthlyFigures({ body: { file } });
      say(
        `已导入“${file.name}”共${result.rows}行：新填报${result.created}个月，修改${result.revised}个月，未变${result.unchanged}个月`,
      );
      refresh();
    } catch (error) {
      say(null, messageOf(error), importProblemsOf(error));
    } finally {
      setBusy(false);
    }
  };

  const download = async (url: string, fallback: string) => {
    setBusy(true);
    say(null);
    try {
      save(await fetchFile(client, tokens, url, fallback));
    } catch (error) {
      say(null, messageOf(error));
    } finally {
      setBusy(false);
    }
  };

  if (failure)
    return (
      <View className="wb-alert" role="alert">
        {failure}
      </View>
    );

  return (
    <View className="statistics">
      <View className="statistics__bar">
        <Picker
          mode="selector"
          range={years.map((y) => `${y}年`)}
          value={Math.max(0, years.indexOf(year))}
          onChange={(e) => {
            setYear(years[Number(e.detail.value)] ?? currentYear);
            setEditing(null);
            say(null);
          }}
        >
          <View className="wb-button statistics__year" data-year={year}>
            年度：{year}年 ▾
          </View>
        </Picker>
        <Button
          className="wb-button wb-button--primary"
          data-action="import"
          {...busyProps(busy)}
          onClick={() => void importFile()}
        >
          导入文件
        </Button>
        <Button
          className="wb-button"
          data-action="template"
          {...busyProps(busy)}
          onClick={() => void download(client.urlOf('getMonthlyFiguresTemplate'), '运行监测逐月数据导入模板.xlsx')}
        >
          下载导入模板
        </Button>
      </View>
      <Text className="muted statistics__hint">
        依据第十二条按月填报各县（市、区）的当月数据。导入支持 Excel（.xlsx）和 CSV（UTF-8 或 GBK
        编码），任何一行有误时整个文件都不会导入。
      </Text>
      <Done text={done} />
      <Refused text={refused} />
      {problems.length > 0 ? (
        <View className="wb-table statistics__problems" role="table" aria-label="导入问题">
          <View className="wb-table__row wb-table__row--head" role="row">
            <Text className="wb-table__cell wb-table__cell--narrow">行</Text>
            <Text className="wb-table__cell">列</Text>
            <Text className="wb-table__cell wb-table__cell--wide">问题</Text>
          </View>
          {problems.map((p, i) => (
            <View
              key={i}
              className="wb-table__row"
              role="row"
              data-problem-row={p.row ?? ''}
              data-problem-column={p.column ?? ''}
            >
              <Text className="wb-table__cell wb-table__cell--narrow">{p.row === null ? '—' : `第${p.row}行`}</Text>
              <Text className="wb-table__cell">{p.column ?? '—'}</Text>
              <Text className="wb-table__cell wb-table__cell--wide">{p.message}</Text>
            </View>
          ))}
        </View>
      ) : null}
      {!list ? (
        <Text className="muted">加载中…</Text>
      ) : (
        <>
          <Text className="statistics__caption">网络零售额（万元），点击月份填报或修改</Text>
          <View className="wb-table statistics__grid" role="table" aria-label={`${year}年逐月数据`}>
            <View className="wb-table__row wb-table__row--head" role="row">
              <Text className="wb-table__cell statistics__county">县（市、区）</Text>
              {MONTHS.map((m) => (
                <Text key={m} className="wb-table__cell wb-table__cell--money">
                  {m}月
                </Text>
              ))}
              <Text className="wb-table__cell statistics__feedback">反馈表</Text>
            </View>
            {list.counties.map((county) => (
              <View key={county} className="wb-table__row" role="row" data-county={county}>
                <Text className="wb-table__cell statistics__county">{countyName(county)}</Text>
                {MONTHS.map((m) => {
                  const record = recordOf(county, m);
                  const open = monthsOpen(year, today).includes(m);
                  return (
                    <View
                      key={m}
                      className={`wb-table__cell wb-table__cell--money statistics__cell${open ? ' statistics__cell--open' : ''}`}
                      data-month={m}
                      data-filled={record ? 'true' : 'false'}
                      onClick={() => open && setEditing({ county, month: m })}
                    >
                      {record ? fenToWan(record.onlineRetailFen) : open ? '填报' : '—'}
                    </View>
                  );
                })}
                <View className="wb-table__cell statistics__feedback">
                  <FeedbackPicker
                    months={list.records.filter((r) => r.county === county).map((r) => r.month)}
                    busy={busy}
                    onPick={(month) =>
                      void download(
                        client.urlOf('getMonthlyFeedback', { query: { county, year, month } }),
                        `${countyName(county)}${year}年${month}月运行监测反馈.xlsx`,
                      )
                    }
                  />
                </View>
              </View>
            ))}
          </View>
          {editing ? (
            <MonthForm
              key={`${editing.county}-${year}-${editing.month}`}
              client={client}
              county={editing.county}
              year={year}
              month={editing.month}
              record={recordOf(editing.county, editing.month) ?? null}
              registered={
                list.registeredRelocatedShops.find((r) => r.county === editing.county && r.month === editing.month)
                  ?.count ?? 0
              }
              onCancel={() => setEditing(null)}
              onSaved={(saved) => {
                setEditing(null);
                say(`已保存${countyName(saved.county)}${saved.year}年${saved.month}月的数据`);
                refresh();
              }}
            />
          ) : null}
          <Averages client={client} list={list} onSaved={refresh} />
        </>
      )}
    </View>
  );
};

const FeedbackPicker = ({ months, busy, onPick }: { months: number[]; busy: boolean; onPick: (m: number) => void }) =>
  months.length === 0 ? (
    <Text className="muted">—</Text>
  ) : (
    <Picker
      mode="selector"
      range={months.map((m) => `${m}月反馈表`)}
      onChange={(e) => onPick(months[Number(e.detail.value)] ?? 1)}
    >
      <View className="wb-button statistics__download" {...busyProps(busy)}>
        下载 ▾
      </View>
    </Picker>
  );

/** One county's month: each figure in its unit (万元 exact to the fen, shops as integers). */
const MonthForm = ({
  client,
  county,
  year,
  month,
  record,
  registered,
  onSaved,
  onCancel,
}: {
  client: ApiClient;
  county: CountyId;
  year: number;
  month: number;
  record: MonthlyFiguresRecord | null;
  /** 五's register: the county's shops verified as relocated in this month. */
  registered: number;
  onSaved: (saved: MonthlyFiguresRecord) => void;
  onCancel: () => void;
}) => {
  const [draft, setDraft] = useState(monthDraftOf(record));
  const [errors, setErrors] = useState<Partial<Record<MonthlyFiguresField, string>>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const read = monthValuesOf(draft);
    if (!read.ok) {
      setErrors(read.errors);
      setFailure('有填写不正确的地方，请按提示修改');
      return;
    }
    setErrors({});
    setFailure(null);
    setBusy(true);
    try {
      onSaved(
        await client.putMonthlyFigures({
          params: { county, year, month },
          body: { ...read.values, ...(record ? { expectedVersion: record.version } : {}) },
        }),
      );
    } catch (error) {
      setFailure(messageOf(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="wb-card statistics__form" data-month-form={`${county}-${month}`}>
      <Text className="statistics__form-title">
        {countyName(county)} {year}年{month}月{record ? '（修改）' : '（填报）'}
      </Text>
      {MONTHLY_FIGURES_FIELDS.map((f) => (
        <View key={f.field} className="wb-field" data-field={f.field}>
          <Text className="wb-field__label">
            {f.name}（{f.unit === 'fen' ? '万元' : '家'}）
          </Text>
          <Input
            className="wb-field__input"
            type={f.unit === 'fen' ? 'digit' : 'number'}
            value={draft[f.field]}
            placeholder={f.unit === 'fen' ? '例如 1234.56' : '例如 25'}
            onInput={(e) => setDraft((d) => ({ ...d, [f.field]: e.detail.value }))}
          />
          {f.field === 'relocatedShops' ? (
            <View className="statistics__register" data-registered={registered}>
              <Text>迁入店铺登记中本月已核实 {registered} 家</Text>
              {draft.relocatedShops !== String(registered) ? (
                <Button
                  className="wb-button statistics__use-register"
                  data-action="use-register"
                  onClick={() => setDraft((d) => ({ ...d, relocatedShops: String(registered) }))}
                >
                  采用登记数
                </Button>
              ) : null}
            </View>
          ) : null}
          {errors[f.field] ? (
            <View className="wb-field__error" role="alert">
              {errors[f.field]}
            </View>
          ) : null}
        </View>
      ))}
      <Refused text={failure} />
      <View className="statistics__buttons">
        <Button className="wb-button" onClick={onCancel}>
          取消
        </Button>
        <Button
          className="wb-button wb-button--primary"
          data-action="save-month"
          {...busyProps(busy)}
          onClick={() => void submit()}
        >
          保存
        </Button>
      </View>
    </View>
  );
};

/** The province's averages of the year: shown to all, set by city reviewers and administrators. */
const Averages = ({ client, list, onSaved }: { client: ApiClient; list: MonthlyFiguresList; onSaved: () => void }) => {
  const current = list.provinceAverages;
  const [growth, setGrowth] = useState(current ? bpToPercent(current.onlineRetailGrowthBp) : '');
  const [share, setShare] = useState(current ? bpToPercent(current.physicalGoodsOnlineShareBp) : '');
  const [errors, setErrors] = useState<{ growth?: string; share?: string }>({});
  const [outcome, setOutcome] = useState<{ done: string | null; refused: string | null }>({
    done: null,
    refused: null,
  });
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    setGrowth(current ? bpToPercent(current.onlineRetailGrowthBp) : '');
    setShare(current ? bpToPercent(current.physicalGoodsOnlineShareBp) : '');
  }, [current]);

  const submit = async () => {
    const read = averagesOf(growth, share);
    if (!read.ok) return setErrors(read.errors);
    setErrors({});
    setBusy(true);
    try {
      await client.putProvinceAverages({ params: { year: list.year }, body: read.body });
      setOutcome({ done: `已设置${list.year}年的全省平均`, refused: null });
      onSaved();
    } catch (error) {
      setOutcome({ done: null, refused: messageOf(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="wb-card statistics__averages" data-averages={list.year}>
      <Text className="statistics__form-title">{list.year}年全省平均（第一条排名对照）</Text>
      {!list.canSetAverages ? (
        <Text>
          {current
            ? `网络零售额平均增幅 ${bpToPercent(current.onlineRetailGrowthBp)}%；实物商品网络零售额占社会消费品零售总额比重 ${bpToPercent(current.physicalGoodsOnlineShareBp)}%`
            : '市级尚未设置本年度的全省平均'}
        </Text>
      ) : (
        <>
          <View className="wb-field" data-field="onlineRetailGrowthBp">
            <Text className="wb-field__label">全省网络零售额平均增幅（%，最多2位小数）</Text>
            <Input
              className="wb-field__input"
              value={growth}
              placeholder="例如 12.34"
              onInput={(e) => setGrowth(e.detail.value)}
            />
            {errors.growth ? <View className="wb-field__error">{errors.growth}</View> : null}
          </View>
          <View className="wb-field" data-field="physicalGoodsOnlineShareBp">
            <Text className="wb-field__label">全省实物商品网络零售额占社会消费品零售总额比重（%）</Text>
            <Input
              className="wb-field__input"
              value={share}
              placeholder="例如 25.00"
              onInput={(e) => setShare(e.detail.value)}
            />
            {errors.share ? <View className="wb-field__error">{errors.share}</View> : null}
          </View>
          <Done text={outcome.done} />
          <Refused text={outcome.refused} />
          <Button
            className="wb-button wb-button--primary"
            data-action="save-averages"
            {...busyProps(busy)}
            onClick={() => void submit()}
          >
            保存全省平均
          </Button>
        </>
      )}
    </View>
  );
};
