import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { builtInEditions, type Edition, PROGRAM_IDS } from '@huiqi/shared';
import {
  bpText,
  buildPatch,
  differenceFen,
  documentErrors,
  editionGroups,
  type EditionField,
  fieldsOf,
  mergePatch,
  parseBp,
  parseField,
  placeErrors,
  segmentsOf,
  textOf,
  valueTexts,
} from '../src/workbench/editions';

// A plain (unfrozen) copy of the built-in 2023 edition, as the API sends a draft's document.
const edition = (): Edition => JSON.parse(JSON.stringify(builtInEditions()[0])) as Edition;
const fields = fieldsOf(editionGroups(edition()));
const field = (path: string): EditionField => {
  const found = fields.find((f) => f.path === path);
  if (!found) throw new Error(`no field ${path}`);
  return found;
};
const untouched = () => valueTexts(edition(), fields);

describe('an edition flattened into the editor’s fields', () => {
  it('groups the edition, review, pools, every program of the document and the commendations', () => {
    const groups = editionGroups(edition());
    const programs = PROGRAM_IDS.filter((id) => id in edition().programs);
    expect(groups.map((g) => g.id)).toEqual(['edition', 'review', 'pools', ...programs, 'commendations']);
    expect(groups.find((g) => g.id === 'leading-enterprise')?.title).toBe('第2条 电商龙头企业流量补贴');
  });

  it('shows money in yuan, ratios in %, counts, dates and texts as the document holds them', () => {
    const texts = untouched();
    expect(texts['programs.leading-enterprise.parameters.minOnlineRetailFen.value']).toBe('100000000');
    expect(texts['programs.leading-enterprise.parameters.localContributionCapBp.value']).toBe('20');
    expect(texts['pools.pool-leading.capFen']).toBe('2000000');
    expect(texts['review.noticeWorkingDays']).toBe('5');
    expect(texts['validFrom']).toBe('2023-01-01');
    expect(texts['programs.leading-enterprise.materials[0].required']).toBe('true');
    expect(field('programs.leading-enterprise.parameters.minOnlineRetailFen.value').kind).toBe('fen');
  });

  it('every field but an optional one names a value the document has', () => {
    const texts = untouched();
    const empty = fields.filter((f) => texts[f.path] === '').map((f) => f.path);
    expect(empty.every((path) => field(path).kind === 'optional-text' || field(path).kind === 'window-date')).toBe(
      true,
    );
    expect(empty).toContain('applicationWindow.opens');
  });

  it('reads paths with list indices as the API names them', () => {
    expect(segmentsOf('programs.x.materials[12].name')).toEqual(['programs', 'x', 'materials', 12, 'name']);
    expect(segmentsOf('pools.pool-leading.capFen')).toEqual(['pools', 'pool-leading', 'capFen']);
  });
});

describe('the fields back into a merge patch of only what changed', () => {
  it('is empty when nothing changed, and the untouched document is valid', () => {
    const result = buildPatch(edition(), fields, untouched());
    expect(result).toEqual({ patch: {}, errors: {}, changed: [] });
    expect(documentErrors(edition(), result.patch)).toEqual([]);
  });

  it('sends 1234.56 yuan as 123456 fen and nothing else', () => {
    const texts = { ...untouched(), 'pools.pool-leading.capFen': '1234.56' };
    expect(buildPatch(edition(), fields, texts)).toEqual({
      patch: { pools: { 'pool-leading': { capFen: 123_456 } } },
      errors: {},
      changed: ['pools.pool-leading.capFen'],
    });
  });

  it('sends a ratio typed in % as basis points', () => {
    const path = 'programs.leading-enterprise.parameters.localContributionCapBp.value';
    const { patch } = buildPatch(edition(), fields, { ...untouched(), [path]: '15.25' });
    expect(patch).toEqual({
      programs: { 'leading-enterprise': { parameters: { localContributionCapBp: { value: 1525 } } } },
    });
  });

  it('replaces a list whole when one of its items changed, every other item as it was', () => {
    const doc = edition();
    const base = 'programs.leading-enterprise.materials';
    const { patch } = buildPatch(doc, fields, {
      ...untouched(),
      [`${base}[1].name`]: '营业执照（副本）',
      [`${base}[2].required`]: 'false',
    });
    const list = (patch['programs'] as Record<string, { materials: unknown[] }>)['leading-enterprise']?.materials;
    const original = doc.programs['leading-enterprise']?.materials ?? [];
    expect(list).toHaveLength(original.length);
    expect(list?.[0]).toEqual(original[0]);
    expect(list?.[1]).toEqual({ ...original[1], name: '营业执照（副本）' });
    expect(list?.[2]).toEqual({ ...original[2], required: false });
    // The document itself is not changed.
    expect(doc.programs['leading-enterprise']?.materials[1]?.name).toBe('营业执照');
  });

  it('an emptied optional clause is removed from its material', () => {
    const path = 'programs.leading-enterprise.materials[1].clause';
    const { patch } = buildPatch(edition(), fields, { ...untouched(), [path]: '  ' });
    const list = (patch['programs'] as Record<string, { materials: Record<string, unknown>[] }>)['leading-enterprise']
      ?.materials;
    expect(list?.[1] && 'clause' in list[1]).toBe(false);
  });

  it('an application window is set with both dates, removed with both emptied, refused with one', () => {
    const doc = edition();
    const opened = {
      ...untouched(),
      'applicationWindow.opens': '2023-03-01',
      'applicationWindow.closes': '2023-06-30',
    };
    const set = buildPatch(doc, fields, opened);
    expect(set.patch).toEqual({ applicationWindow: { opens: '2023-03-01', closes: '2023-06-30' } });
    const withWindow = mergePatch(doc, set.patch) as Edition;
    const removed = buildPatch(withWindow, fields, untouched());
    expect(removed.patch).toEqual({ applicationWindow: null });
    expect(mergePatch(withWindow, removed.patch)).toEqual(doc);
    const half = buildPatch(doc, fields, { ...untouched(), 'applicationWindow.closes': '2023-06-30' });
    expect(Object.keys(half.errors)).toEqual(['applicationWindow.opens']);
  });

  it('refuses what the shared rules refuse, by field, as typed', () => {
    const texts = {
      ...untouched(),
      'pools.pool-leading.capFen': '1.234',
      'review.countyWorkingDays': '0',
      validFrom: '2023-02-30',
      title: '   ',
      'programs.talent-hiring.parameters.eligibleOrgTypes.value': '',
    };
    const { errors } = buildPatch(edition(), fields, texts);
    expect(errors).toEqual({
      'pools.pool-leading.capFen': '金额最多精确到分（小数点后两位）',
      'review.countyWorkingDays': '必须是1到250之间的工作日数',
      validFrom: '请输入有效日期，格式为YYYY-MM-DD，例如 2027-01-01',
      title: '请填写标题，不能只有空格或不可见字符',
      'programs.talent-hiring.parameters.eligibleOrgTypes.value': '请至少选择一项',
    });
  });

  it('checks the whole document with the shared schema: an end before the start is refused on validTo', () => {
    const { patch } = buildPatch(edition(), fields, { ...untouched(), validTo: '2022-12-31' });
    const placed = placeErrors(documentErrors(edition(), patch), fields);
    expect(placed.byField).toEqual({ validTo: '有效期结束日期不能早于开始日期' });
  });
});

describe('the API’s refusals beside the fields they name', () => {
  it('by exact path, a parent path onto its first field, a deeper path onto its field, the rest apart', () => {
    const placed = placeErrors(
      [
        { field: 'pools.pool-leading.capFen', message: 'a' },
        { field: 'document.applicationWindow', message: 'b' },
        { field: 'programs.talent-hiring.parameters.eligibleOrgTypes.value[0]', message: 'c' },
        { field: 'programs.leading-enterprise.materials[0].proves[0]', message: 'd' },
      ],
      fields,
    );
    expect(placed.byField).toEqual({
      'pools.pool-leading.capFen': 'a',
      'applicationWindow.opens': 'b',
      'programs.talent-hiring.parameters.eligibleOrgTypes.value': 'c',
    });
    expect(placed.other).toEqual([{ field: 'programs.leading-enterprise.materials[0].proves[0]', message: 'd' }]);
  });
});

describe('round trips (property-style)', () => {
  it('% ↔ basis points: every bp from 0 to 10000 reads back exactly from the text shown', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), (bp) => {
        expect(parseBp(bpText(bp))).toEqual({ ok: true, value: bp });
      }),
    );
  });

  it('any fen shown in yuan, typed back, is the same fen and changes nothing', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (fen) => {
        const f = field('pools.pool-leading.capFen');
        expect(parseField(f, textOf('fen', fen))).toEqual({ ok: true, value: fen });
      }),
    );
  });

  it('any set of numeric values typed into the fields patches to a document holding exactly them', () => {
    const numeric = fields.filter((f) => ['fen', 'bp', 'count', 'days'].includes(f.kind));
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom(...numeric), { minLength: 1, maxLength: 8, selector: (f) => f.path }),
        fc.infiniteStream(fc.integer({ min: 0, max: 1e12 })),
        (chosen, noise) => {
          const doc = edition();
          const wanted = new Map(
            chosen.map((f) => {
              const n = noise.next().value as number;
              const value = f.kind === 'bp' ? n % 10_001 : f.kind === 'days' ? 1 + (n % 250) : n;
              return [f.path, value] as const;
            }),
          );
          const texts = { ...valueTexts(doc, fields) };
          for (const [path, value] of wanted) texts[path] = textOf(field(path).kind, value);
          const { patch, errors, changed } = buildPatch(doc, fields, texts);
          expect(errors).toEqual({});
          const after = mergePatch(doc, patch) as Edition;
          // Exactly the values typed, and only changed ones are in the patch.
          const readBack = valueTexts(after, fields);
          expect(readBack).toEqual(texts);
          for (const path of changed) expect(wanted.has(path)).toBe(true);
          expect(buildPatch(after, fields, readBack).patch).toEqual({});
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('the preview’s difference per firm', () => {
  const change = (
    before: { status: 'eligible' | 'ineligible' | 'undetermined'; maxAmountFen: number | null } | null,
    after: { status: 'eligible' | 'ineligible' | 'undetermined'; maxAmountFen: number | null } | null,
  ) => ({ orgId: 1, orgName: 'x', programId: 'leading-enterprise' as const, before, after, effect: 'more' as const });

  it('after minus before, nothing paid when not eligible, unknown when undetermined', () => {
    expect(
      differenceFen(change({ status: 'eligible', maxAmountFen: 100 }, { status: 'eligible', maxAmountFen: 250 })),
    ).toBe(150);
    expect(differenceFen(change(null, { status: 'eligible', maxAmountFen: 500 }))).toBe(500);
    expect(
      differenceFen(change({ status: 'eligible', maxAmountFen: 500 }, { status: 'ineligible', maxAmountFen: null })),
    ).toBe(-500);
    expect(
      differenceFen(change({ status: 'undetermined', maxAmountFen: null }, { status: 'eligible', maxAmountFen: 1 })),
    ).toBe(null);
  });
});
