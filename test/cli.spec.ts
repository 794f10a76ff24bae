import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evaluate, type EvaluationResponse } from '@huiqi/shared';

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

  it('exits 0 when every line is good, and streams a large batch without holding it', () => {
    const n = 5000;
    const input = Array.from({ length: n }, (_, i) =>
      JSON.stringify({ claimYear: 2023, facts: { orgTypes: ['ecommerce'], onlineRetailFen: i * 10_000_000 } }),
    ).join('\n');
    const r = policy(['match', '-'], input);
    expect(r.code).toBe(0);
    const out = r.stdout.trimEnd().split('\n');
    expect(out).toHaveLength(n);
    expect((JSON.parse(out[n - 1] as string) as { line: number }).line).toBe(n);
  });
});
