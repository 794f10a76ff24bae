import { describe, expect, it } from '@jest/globals';
import { type EditionView, FACT_NAMES } from '@huiqi/shared';
import { fieldOf, inputsFromFacts } from '../src/calculator/form';
import { FACILITY_FACTS, programsCounting } from '../src/org/facilities';
import { formatFactValue } from '../src/facts/values';
import { claimYearsOf, defaultClaimYear, factChanges, PROFILE_FACTS } from '../src/org/facts-view';
import { formatDateTimeZh, formatDayZh, shanghaiToday, shanghaiYear } from '../src/services/shanghai-time';

const fields = ['onlineRetailFen', 'liveRoomCount', 'normalOperation', 'countyParcelShareBp'] as const;
const onScreen = fields.map(fieldOf);

describe('企业档案: money and counts as people read and type them', () => {
  it('shows stored fen in 元, exact to the fen, and counts with their unit', () => {
    expect(formatFactValue('onlineRetailFen', 123456)).toBe('1,234.56元');
    expect(formatFactValue('onlineRetailFen', 7)).toBe('0.07元');
    expect(formatFactValue('onlineRetailFen', 10_000_000_000)).toBe('1亿元');
    expect(formatFactValue('onlineRetailFen', 123_450_000)).toBe('123.45万元');
    expect(formatFactValue('liveRoomCount', 1200)).toBe('1,200间');
    expect(formatFactValue('countyParcelShareBp', 1525)).toBe('15.25%');
    expect(formatFactValue('normalOperation', false)).toBe('否');
    expect(formatFactValue('livestreamBaseAuthorizations', ['douyin', 'kuaishou'])).toBe('抖音、快手');
    expect(formatFactValue('onlineRetailFen', undefined)).toBeNull();
    expect(formatFactValue('livestreamBaseAuthorizations', [])).toBe('无');
  });

  it('reads yuan typed with up to two decimals as integer fen, sending only what changed', () => {
    const stored = { liveRoomCount: 12, normalOperation: true };
    const inputs = { ...inputsFromFacts(stored), onlineRetailFen: '1234.56', countyParcelShareBp: '15.25' };
    expect(factChanges(inputs, onScreen, stored)).toEqual({
      facts: { onlineRetailFen: 123456, countyParcelShareBp: 1525 },
      errors: {},
    });
    // 0.07 yuan is 7 fen, not 7.000000000000001.
    expect(factChanges({ onlineRetailFen: '0.07' }, onScreen, {}).facts).toEqual({ onlineRetailFen: 7 });
    expect(factChanges({ onlineRetailFen: '1,000.5' }, onScreen, {}).facts).toEqual({ onlineRetailFen: 100050 });
  });

  it('refuses a third decimal or a stray separator, naming the field, and sends nothing of it', () => {
    expect(factChanges({ onlineRetailFen: '0.001' }, onScreen, {})).toEqual({
      facts: {},
      errors: { onlineRetailFen: '金额最多精确到分（小数点后两位）' },
    });
    expect(factChanges({ onlineRetailFen: '1,00' }, onScreen, {}).errors.onlineRetailFen).toContain('千位分隔符');
  });

  it('clears a fact whose field was emptied (unknown, never zero)', () => {
    const stored = { onlineRetailFen: 500, liveRoomCount: 3 };
    const inputs = inputsFromFacts(stored);
    delete inputs.onlineRetailFen;
    expect(factChanges(inputs, onScreen, stored).facts).toEqual({ onlineRetailFen: null });
  });
});

describe('the claim year to open on, and times in Liaocheng', () => {
  const edition = (claimYear: number, extra: Partial<EditionView> = {}): EditionView => ({
    id: `e${claimYear}`,
    title: `${claimYear}`,
    claimYear,
    status: 'published',
    demo: false,
    version: 1,
    contentHash: null,
    validFrom: `${claimYear + 1}-01-01`,
    validTo: `${claimYear + 1}-12-31`,
    applicationWindow: null,
    applicationNotice: '',
    publishedAt: null,
    ...extra,
  });

  it('prefers the edition whose application round is open, then the one in force, then the newest', () => {
    const open = edition(2025, { applicationWindow: { opens: '2026-03-01', closes: '2026-06-30' } });
    expect(defaultClaimYear([edition(2023), open, edition(2027)], '2026-06-15')).toBe(2025);
    expect(defaultClaimYear([edition(2023), edition(2025), edition(2027)], '2026-06-15')).toBe(2025);
    expect(defaultClaimYear([edition(2023)], '2026-06-15')).toBe(2023);
    // A round the city opened for 2023's figures: that year first, though its edition has no window.
    expect(defaultClaimYear([edition(2023), edition(2025), edition(2027)], '2026-06-15', [2023])).toBe(2023);
    expect(defaultClaimYear([edition(2023, { status: 'draft' })], '2026-06-15')).toBeNull();
    expect(claimYearsOf([edition(2023), edition(2026), edition(2023), edition(2027, { status: 'draft' })])).toEqual([
      2026, 2023,
    ]);
  });

  it('shows a time as the clock in Liaocheng reads it (UTC+8)', () => {
    expect(formatDateTimeZh('2026-06-15T02:00:00.000Z')).toBe('2026年6月15日 10:00');
    expect(formatDateTimeZh('2026-12-31T16:30:00Z')).toBe('2027年1月1日 00:30');
    expect(formatDayZh('2026-12-31T16:30:00Z')).toBe('2027年1月1日');
    expect(shanghaiToday(new Date('2026-12-31T15:59:59Z'))).toBe('2026-12-31');
    expect(shanghaiToday(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
    expect(shanghaiYear(new Date('2026-12-31T16:00:00Z'))).toBe(2027);
  });
});

describe('企业档案', () => {
  it('asks for every fact of the year but the credit code and county, which the registration holds', () => {
    expect(PROFILE_FACTS).not.toContain('uscc');
    expect(PROFILE_FACTS).not.toContain('county');
    expect(new Set([...PROFILE_FACTS, 'uscc', 'county'])).toEqual(new Set(FACT_NAMES));
  });
});

describe('场地登记', () => {
  it('names the programs whose conditions read the facility facts, from the rules themselves', () => {
    const programs = programsCounting(FACILITY_FACTS);
    expect(programs.map((p) => p.programId)).toContain('livestream-base');
    const base = programs.find((p) => p.programId === 'livestream-base');
    expect(base?.facts).toEqual(expect.arrayContaining(['siteAreaM2', 'liveRoomCount']));
    // 二 (online retail) reads none of them.
    expect(programs.map((p) => p.programId)).not.toContain('leading-enterprise');
  });
});
