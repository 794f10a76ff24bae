/* eslint-disable @typescript-eslint/no-explicit-any -- mutating untyped edition documents */
import { PROGRAM_IDS, type ProgramId } from '../contracts/catalogue';
import { describePrograms, evaluate } from '../evaluate';
import edition2023 from './data/edition-2023.json';
import { loadEdition } from './load';
import { editionRefusal } from '../testing/editions';
import { FILE_KINDS, fileKindName, isFileKind } from './materials';
import { editionFor } from './registry';

const described = describePrograms(editionFor(2023));
const programs = described.map((p) => [p.programId, p] as const);

/** Conditions a reviewer decides (`review`): they read every material, so none must name them. */
const reviewConditions = new Map(
  evaluate({ claimYear: 2023, facts: {} }).programs.map((p) => [
    p.programId,
    new Set(p.conditions.filter((c) => c.status === 'review').map((c) => c.id)),
  ]),
);

/**
 * Conditions no material proves, with the reason. Empty for 2023: every condition a firm must
 * meet has a file a reviewer can open for it. Add an entry here only with its reason.
 */
const UNPROVED: Partial<Record<ProgramId, Record<string, string>>> = {};

type Refusal = { field: string; message: string }[];

const refused = (mutate: (e: Record<string, any>) => void): Refusal => editionRefusal(mutate);
const fields = (mutate: (e: Record<string, any>) => void): string[] => refused(mutate).map((d) => d.field);

/** The index of a material in the 2023 data, so the cases below survive a reordering. */
const indexOf = (program: ProgramId, id: string): number => {
  const i = (edition2023.programs[program].materials as { id: string }[]).findIndex((m) => m.id === id);
  if (i < 0) throw new Error(`no material ${id} in ${program}`);
  return i;
};
const materialOf = (e: Record<string, any>, program: ProgramId, id: string): Record<string, any> =>
  e.programs[program].materials[indexOf(program, id)];

describe('materials of edition 2023', () => {
  it('every paying program asks for materials, its application form first', () => {
    expect(described.map((p) => p.programId)).toEqual(PROGRAM_IDS);
    for (const p of described) {
      expect(p.materials.length).toBeGreaterThan(1);
      expect(p.materials[0]).toMatchObject({ id: 'application-form', required: true, proves: [] });
    }
  });

  it.each(programs)('%s: every proves id is a condition or cap of its trace', (_id, p) => {
    const trace = new Set([...p.conditions.map((c) => c.id), ...p.caps.map((c) => c.id)]);
    for (const m of p.materials) for (const id of m.proves) expect([m.id, trace.has(id)]).toEqual([m.id, true]);
  });

  it.each(programs)('%s: every condition except review ones is proved by a material', (id, p) => {
    const proved = new Set(p.materials.flatMap((m) => m.proves));
    const review = reviewConditions.get(id) ?? new Set<string>();
    const exceptions = UNPROVED[id] ?? {};
    const unproved = p.conditions
      .map((c) => c.id)
      .filter((c) => !review.has(c) && !(c in exceptions) && !proved.has(c));
    expect(unproved).toEqual([]);
  });

  it('the review condition (十, 符合条件) is still pointed at the files a reviewer reads', () => {
    const center = described.find((p) => p.programId === 'distribution-center');
    expect(center?.materials.filter((m) => m.proves.includes('qualified')).map((m) => m.id)).toEqual([
      'establishment-document',
      'first-year-proof',
    ]);
  });

  it.each(programs)('%s: every cap computed from the firm’s figures is proved (对地方贡献数: 完税证明)', (_id, p) => {
    const proved = new Set(p.materials.flatMap((m) => m.proves));
    for (const cap of p.caps.filter((c) => c.amountFen === null))
      expect([cap.id, proved.has(cap.id)]).toEqual([cap.id, true]);
    for (const cap of p.caps.filter((c) => c.id === 'local-contribution-20pct'))
      expect(p.materials.find((m) => m.proves.includes(cap.id))?.name).toBe('完税证明');
  });

  it('only the application form proves nothing, and 二’s licence: every other file is evidence for something', () => {
    // 二 is for any 企业 (对当年实现网络零售额1亿元以上企业): its licence shows who applies, which no
    // condition of the trace checks, since no kind of enterprise is excluded.
    const identityOnly = new Set(['leading-enterprise/business-licence']);
    for (const p of described)
      for (const m of p.materials)
        if (m.proves.length === 0 && !identityOnly.has(`${p.programId}/${m.id}`))
          expect([p.programId, m.id]).toEqual([p.programId, 'application-form']);
  });

  it('licences never expire, claim-year proofs cover the year, credit reports go stale', () => {
    for (const p of described) {
      const licence = p.materials.find((m) => m.name.startsWith('营业执照'));
      expect([p.programId, licence?.validity]).toEqual([p.programId, { kind: 'permanent' }]);
      for (const m of p.materials) {
        if (m.id === 'credit-report') expect(m.validity).toEqual({ kind: 'months', months: 3 });
        if (/完税|纳统|社会保险/.test(m.name)) expect([m.id, m.validity]).toEqual([m.id, { kind: 'claim-year' }]);
        expect(m.accepts.every(isFileKind)).toBe(true);
      }
    }
  });

  it('describePrograms gives copies: the loaded edition stays frozen', () => {
    const edition = editionFor(2023);
    const first = edition.programs['leading-enterprise']?.materials[0];
    expect(Object.isFrozen(first?.accepts)).toBe(true);
    const copy = describePrograms(edition)[0]?.materials[0];
    expect(copy).toEqual(first);
    expect(copy).not.toBe(first);
  });

  it('names every file kind in Chinese', () => {
    expect(FILE_KINDS.map((k) => [k.id, fileKindName(k.id)])).toEqual([
      ['pdf', 'PDF'],
      ['jpeg', 'JPEG 图片'],
      ['png', 'PNG 图片'],
      ['webp', 'WebP 图片'],
      ['heic', 'HEIC 图片（苹果手机）'],
      ['ofd', 'OFD 电子文件'],
    ]);
    expect(isFileKind('docx')).toBe(false);
  });
});

describe('malformed materials are refused on load, naming the field', () => {
  const hire = (id: string): string => `programs.talent-hiring.materials[${indexOf('talent-hiring', id)}]`;
  const credit = `programs.leading-enterprise.materials[${indexOf('leading-enterprise', 'credit-report')}]`;

  it.each([
    [
      'a file kind that is not one',
      (e: any) => (materialOf(e, 'talent-hiring', 'hire-roster').accepts[0] = 'docx'),
      [`${hire('hire-roster')}.accepts[0]`],
    ],
    [
      'a duplicate material id',
      (e: any) => (materialOf(e, 'talent-hiring', 'hire-roster').id = 'business-licence'),
      [`${hire('hire-roster')}.id`],
    ],
    [
      'months 0',
      (e: any) => (materialOf(e, 'leading-enterprise', 'credit-report').validity.months = 0),
      [`${credit}.validity.months`],
    ],
    [
      'fractional months',
      (e: any) => (materialOf(e, 'leading-enterprise', 'credit-report').validity.months = 1.5),
      [`${credit}.validity.months`],
    ],
    [
      'a missing name',
      (e: any) => delete materialOf(e, 'talent-hiring', 'labour-contracts').name,
      [`${hire('labour-contracts')}.name`],
    ],
    [
      'an empty shows',
      (e: any) => (materialOf(e, 'talent-hiring', 'labour-contracts').shows = ' '),
      [`${hire('labour-contracts')}.shows`],
    ],
    [
      'a program without materials',
      (e: any) => delete e.programs['branch-conversion'].materials,
      ['programs.branch-conversion.materials'],
    ],
    [
      'an empty list',
      (e: any) => (e.programs['branch-conversion'].materials = []),
      ['programs.branch-conversion.materials'],
    ],
    [
      'a material that is not an object',
      (e: any) => (e.programs['talent-hiring'].materials[1] = '营业执照'),
      ['programs.talent-hiring.materials[1]'],
    ],
    [
      'an id that is not kebab-case',
      (e: any) => (materialOf(e, 'talent-hiring', 'hire-roster').id = 'Hire_Roster'),
      [`${hire('hire-roster')}.id`],
    ],
    [
      'an unknown field',
      (e: any) => (materialOf(e, 'talent-hiring', 'hire-roster').copies = 2),
      [`${hire('hire-roster')}.copies`],
    ],
    [
      'no file kinds',
      (e: any) => (materialOf(e, 'talent-hiring', 'hire-roster').accepts = []),
      [`${hire('hire-roster')}.accepts`],
    ],
    [
      'a file kind twice',
      (e: any) => (materialOf(e, 'talent-hiring', 'hire-roster').accepts = ['pdf', 'pdf']),
      [`${hire('hire-roster')}.accepts[1]`],
    ],
    [
      'required that is not a boolean',
      (e: any) => (materialOf(e, 'talent-hiring', 'hire-roster').required = 'yes'),
      [`${hire('hire-roster')}.required`],
    ],
    [
      'an unknown validity kind',
      (e: any) => (materialOf(e, 'talent-hiring', 'hire-roster').validity = { kind: 'forever' }),
      [`${hire('hire-roster')}.validity.kind`],
    ],
    [
      'months on a permanent validity',
      (e: any) => (materialOf(e, 'talent-hiring', 'business-licence').validity = { kind: 'permanent', months: 3 }),
      [`${hire('business-licence')}.validity.months`],
    ],
    [
      'a missing validity',
      (e: any) => delete materialOf(e, 'talent-hiring', 'hire-roster').validity,
      [`${hire('hire-roster')}.validity`],
    ],
    [
      'proves that is not a list',
      (e: any) => (materialOf(e, 'talent-hiring', 'hire-roster').proves = 'trained-hires'),
      [`${hire('hire-roster')}.proves`],
    ],
    [
      'a condition proved twice by one material',
      (e: any) => (materialOf(e, 'talent-hiring', 'hire-roster').proves = ['trained-hires', 'trained-hires']),
      [`${hire('hire-roster')}.proves[1]`],
    ],
    [
      'an empty clause',
      (e: any) => (materialOf(e, 'talent-hiring', 'hire-roster').clause = ''),
      [`${hire('hire-roster')}.clause`],
    ],
  ])('%s', (_label, mutate, expected) => {
    expect(fields(mutate)).toEqual(expected);
  });

  it('refuses an id the program’s trace does not have, listing the ids it has', () => {
    const at = `${hire('business-licence')}.proves[1]`;
    expect(
      refused((e) => (materialOf(e, 'talent-hiring', 'business-licence').proves = ['org-type', 'registered-in-town'])),
    ).toEqual([
      {
        field: at,
        message: '本项目没有条件或上限“registered-in-town”，可用：org-type、registered-in-city、trained-hires、pool',
      },
    ]);
  });

  it('refuses a condition of another program (proves is per program)', () => {
    // tax-compliant is a condition of 二 and 六, not of 九.
    expect(fields((e) => materialOf(e, 'talent-hiring', 'hire-roster').proves.push('tax-compliant'))).toEqual([
      `${hire('hire-roster')}.proves[1]`,
    ]);
  });

  it('accepts a cap id, since a file may prove a cap (完税证明: 对地方贡献数)', () => {
    const e = structuredClone(edition2023) as unknown as Record<string, any>;
    materialOf(e, 'leading-enterprise', 'online-retail-proof').proves.push('per-enterprise');
    expect(
      loadEdition(e).programs['leading-enterprise']?.materials[indexOf('leading-enterprise', 'online-retail-proof')]
        ?.proves,
    ).toEqual(['retail-threshold', 'per-enterprise']);
  });

  it('checks proves ids only once the rest is valid: a rule compiles only from a valid edition', () => {
    expect(
      fields((e) => {
        materialOf(e, 'talent-hiring', 'hire-roster').accepts = ['docx'];
        materialOf(e, 'talent-hiring', 'business-licence').proves = ['nowhere'];
      }),
    ).toEqual([`${hire('hire-roster')}.accepts[0]`]);
  });

  it('reports every shape problem of every material at once', () => {
    expect(
      fields((e) => {
        delete materialOf(e, 'talent-hiring', 'hire-roster').name;
        materialOf(e, 'streamer-training', 'trainee-roster').accepts = ['gif'];
      }),
    ).toEqual([
      `${hire('hire-roster')}.name`,
      `programs.streamer-training.materials[${indexOf('streamer-training', 'trainee-roster')}].accepts[0]`,
    ]);
  });
});
