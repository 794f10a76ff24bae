import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evaluate, type EvaluationRequest, type EvaluationResponse, type Facts } from '@huiqi/shared';

const ROOT = join(__dirname, '..');
const CLI = join(ROOT, 'shared', 'dist', 'cli.js');

/** Runs the built command line the way `npm run --silent policy -- …` does. */
const policy = (args: string[], input?: string) => {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

// The issue's example request, also the README's and docs/examples' first example.
const ISSUE_EXAMPLE = JSON.stringify(
  JSON.parse(readFileSync(join(ROOT, 'docs', 'examples', 'leading-enterprise.json'), 'utf8')),
);

describe('npm run --silent policy -- evaluate', () => {
  it('the exact README command answers leading-enterprise eligible with 12,000,000 fen', () => {
    const r = spawnSync('npm', ['run', '--silent', 'policy', '--', 'evaluate', '-'], {
      cwd: ROOT,
      input: ISSUE_EXAMPLE,
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as EvaluationResponse;
    const leading = out.programs.find((p) => p.programId === 'leading-enterprise');
    expect(leading?.status).toBe('eligible');
    expect(leading?.maxAmountFen).toBe(12000000);
  });

  it('prints byte for byte the JSON of evaluate(), so the API can answer the same bytes', () => {
    const r = policy(['evaluate', '-'], ISSUE_EXAMPLE);
    expect(r.stdout).toBe(`${JSON.stringify(evaluate(JSON.parse(ISSUE_EXAMPLE)))}\n`);
    expect(r.stderr).toBe('');
  });

  it('reads a file as well as standard input, and --pretty indents', () => {
    const dir = mkdtempSync(join(tmpdir(), 'policy-'));
    const file = join(dir, 'request.json');
    writeFileSync(file, ISSUE_EXAMPLE);
    const r = policy(['evaluate', file, '--pretty']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${JSON.stringify(evaluate(JSON.parse(ISSUE_EXAMPLE)), null, 2)}\n`);
  });

  it.each([
    [
      'a bad request',
      '{"claimYear":2023,"facts":{"onlineRetailFen":-1,"typo":true}}',
      ['facts.onlineRetailFen', 'facts.typo'],
    ],
    ['a year with no edition', '{"claimYear":2024,"facts":{}}', ['2024年度没有施行中的政策版本']],
    ['invalid JSON', '{"claimYear":', ['不是有效的 JSON']],
  ])('%s: exit code 2, nothing on stdout, a message naming the problem on stderr', (_label, input, words) => {
    const r = policy(['evaluate', '-'], input);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    for (const w of words) expect(r.stderr).toContain(w);
  });

  it('a missing file or unknown command exits 2 with usage', () => {
    expect(policy(['evaluate', '/nonexistent/request.json']).code).toBe(2);
    const r = policy(['judge', '-'], '{}');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('用法');
  });
});

describe('npm run --silent policy -- commendations', () => {
  it('answers the lists', () => {
    const r = policy(
      ['commendations', '-'],
      JSON.stringify({
        year: 2023,
        province: { onlineRetailGrowthBp: 1520, physicalGoodsOnlineShareBp: 2650 },
        counties: [
          {
            county: 'linqing',
            onlineRetailGrowthBp: 2100,
            physicalGoodsOnlineShareBp: 3000,
            newOnlineShops: 612,
            relocatedShopsStatisticalRetailFen: 1234500,
          },
        ],
      }),
    );
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { lists: Record<string, { county: string; rank: number; value: number }[]> };
    expect(out.lists['retail-growth']).toEqual([{ county: 'linqing', name: '临清市', rank: 1, value: 2100 }]);
    expect(out.lists['new-shops']?.[0]?.value).toBe(612);
  });

  it('exits 2 for a bad request', () => {
    const r = policy(['commendations', '-'], '{"year":2023,"province":{},"counties":[{"county":"x"}]}');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('counties[0].county');
  });
});

describe('npm run --silent policy -- match (one request per line, streaming)', () => {
  it('answers one line per request, in order, numbering lines; a bad line is reported in place and the batch goes on', () => {
    const lines = [
      ISSUE_EXAMPLE,
      '',
      '{"claimYear":2023,"facts":{"siteAreaM2":1.5}}',
      '{"claimYear":2023,"facts":{},"programs":["talent-hiring"]}',
    ];
    const r = policy(['match', '-'], lines.join('\n'));
    expect(r.code).toBe(2);
    const out = r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(out.map((o) => o['line'])).toEqual([1, 3, 4]);
    expect(out[0]).toEqual(JSON.parse(JSON.stringify({ line: 1, ...evaluate(JSON.parse(ISSUE_EXAMPLE)) })));
    expect(out[1]).toMatchObject({
      line: 3,
      error: { code: 'INVALID_REQUEST', details: [{ field: 'facts.siteAreaM2' }] },
    });
    expect((out[2] as unknown as EvaluationResponse).programs.map((p) => p.programId)).toEqual(['talent-hiring']);
    expect(r.stderr).toContain('第3行');
  });

  it('answers 8,000 lines from a file under a 32 MB heap: no answer is held after it is written', () => {
    // Each full answer is about 25 KB: holding them would need some 200 MB. Before the fix the
    // answers of a read chunk stayed in memory and this aborted (out of memory) after 1,333 lines.
    const dir = mkdtempSync(join(tmpdir(), 'huiqi-cli-'));
    const file = join(dir, 'firms.jsonl');
    const n = 8000;
    writeFileSync(
      file,
      Array.from({ length: n }, (_, i) =>
        JSON.stringify({ claimYear: 2023, facts: { orgTypes: ['ecommerce'], onlineRetailFen: i * 10_000_000 } }),
      ).join('\n'),
    );
    const r = spawnSync(process.execPath, ['--max-old-space-size=32', CLI, 'match', file], {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 512 * 1024 * 1024,
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = r.stdout.trimEnd().split('\n');
    expect(out).toHaveLength(n);
    expect((JSON.parse(out[n - 1] as string) as { line: number }).line).toBe(n);
  });

  it('exits 0 when every line is good, and answers a batch of 5000 lines one for one, in order', () => {
    const n = 5000;
    const input = Array.from({ length: n }, (_, i) =>
      JSON.stringify({ claimYear: 2023, facts: { orgTypes: ['ecommerce'], onlineRetailFen: i * 10_000_000 } }),
    ).join('\n');
    const r = policy(['match', '-'], input);
    expect(r.code).toBe(0);
    const out = r.stdout.trimEnd().split('\n');
    expect(out).toHaveLength(n);
    expect(out.map((l) => (JSON.parse(l) as { line: number }).line)).toEqual(
      Array.from({ length: n }, (_, i) => i + 1),
    );
  });
});

describe('npm run --silent policy -- match --summary (免申即享: one compact line per firm, on every core)', () => {
  /** The line `--summary` writes for a request: evaluate()'s decisions, an ineligible program by its status alone. */
  const expectedLine = (line: number, request: EvaluationRequest) => {
    const r = evaluate(request);
    return {
      line,
      claimYear: r.claimYear,
      programs: r.programs.map(({ programId, status, maxAmountFen, missingFacts }) =>
        status === 'ineligible' ? { programId, status } : { programId, status, maxAmountFen, missingFacts },
      ),
    };
  };

  /** Firms of every kind whose answers change from line to line, so a line out of place is seen. */
  const requestFor = (i: number): EvaluationRequest => {
    const facts: Facts = [
      { onlineRetailFen: 9_990_000_000 + i * 3_000_000, normalOperation: i % 7 !== 0, taxCompliant: true },
      { orgTypes: ['ecommerce'], registeredInCity: true, trainedHireCount: i % 15 },
      {
        orgTypes: ['livestream-base'],
        registeredInCity: true,
        registrationDate: '2020-05-01',
        goodCredit: true,
        livestreamBaseAuthorizations: ['douyin'],
        siteAreaM2: 1990 + (i % 20),
        liveRoomCount: 30,
        activeStreamerCount: 31,
        statisticalOnlineRetailFen: 10_000_000_000,
        normalOperation: true,
        taxCompliant: true,
      },
      { orgTypes: ['logistics-platform'], countyParcelShareBp: 7990 + (i % 20), firstOperatingYear: 2020 + (i % 6) },
      {},
    ][i % 5] as Facts;
    if (i % 3 === 0) facts.localContributionFen = i * 1_000;
    return i % 11 === 0
      ? { claimYear: 2023, facts, programs: ['talent-hiring', 'leading-enterprise'] }
      : { claimYear: 2023, facts };
  };

  it('answers every line with the decisions of evaluate(), in input order, across worker threads', () => {
    const n = 22_000;
    const lines = Array.from({ length: n }, (_, i) => (i % 997 === 996 ? '' : JSON.stringify(requestFor(i))));
    const input = lines.join('\n');
    // Enough input for several batches on each of the three threads, so their answers must be put in order.
    expect(Buffer.byteLength(input)).toBeGreaterThan(3 * 2 * 512 * 1024);
    const r = policy(['match', '--summary', '--workers', '3', '-'], input);
    expect([r.code, r.stderr]).toEqual([0, '']);
    // Compared as text (the keys in the order the line writes them): one comparison for the batch.
    const expected = lines.flatMap((text, i) =>
      text === '' ? [] : [JSON.stringify(expectedLine(i + 1, JSON.parse(text) as EvaluationRequest))],
    );
    expect(r.stdout.trimEnd().split('\n')).toEqual(expected);
  });

  it('a bad line is answered in place with its line number, the batch goes on, and the exit code is 2', () => {
    const lines = [
      JSON.stringify(requestFor(1)),
      '{"claimYear":2023,',
      '{"claimYear":2023,"facts":{"siteAreaM2":1.5}}',
      '{"claimYear":2024,"facts":{}}',
      '',
      `${JSON.stringify(requestFor(2))}\r`,
    ];
    const r = policy(['match', '--summary', '-'], lines.join('\n'));
    expect(r.code).toBe(2);
    const out = r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { line: number; error?: { code: string; details: { field: string }[] } });
    expect(out.map((o) => [o.line, o.error?.code ?? null])).toEqual([
      [1, null],
      [2, 'INVALID_REQUEST'],
      [3, 'INVALID_REQUEST'],
      [4, 'NO_EDITION'],
      [6, null],
    ]);
    expect(out[2]?.error?.details.map((d) => d.field)).toEqual(['facts.siteAreaM2']);
    expect(out[4]).toEqual(expectedLine(6, requestFor(2)));
    for (const words of [
      '第2行',
      '第3行：请求有误',
      'facts.siteAreaM2',
      '第4行：2024年度没有施行中的政策版本',
      '共6行，其中3行请求有误',
    ])
      expect(r.stderr).toContain(words);
  });

  it.each([
    [['match', '--summary', '--workers', '0', '-'], '--workers 必须是1到256之间的整数'],
    [['match', '--workers', '2', '-'], '--workers 只用于 match --summary'],
    [['evaluate', '--summary', '-'], '只用于 match 命令'],
    [['match', '--summmary', '-'], '不认识的选项“--summmary”'],
  ])('%j is a usage error: exit code 2, nothing on stdout', (args, words) => {
    const r = policy(args, '{}');
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toContain(words);
  });
});
