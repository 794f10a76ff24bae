// The race for an order pool between API processes, shared by `npm run bench -- pool` and
// test/api/pool-two-processes.spec.ts: the same preparation through the API and the same burst
// of city approvals, so the benchmark's figures and the test's assertions are about one scenario.
//
// Preparation, all through the typed client of `@huiqi/shared`, spread over the processes:
// a round (claim year 2023, open today) whose pool-leading holds exactly `fits` awards; then per
// firm: an applicant signs in, registers the firm, enters its 2023 facts, drafts a
// leading-enterprise application, attaches every required material and submits; the county
// approves; a city reviewer verifies every condition. The applications wait at city review.
//
// The burst: every application approved by a city reviewer, alternately through each process,
// and the same approval sent again at the same moment through the other process (a retry).
import { performance } from 'node:perf_hooks';
import { createApiClient, fetchTransport, memoryTokens, usccCheckCharacter } from '@huiqi/shared';

/** The program raced for: four fixed-size conditions, five PDF materials, a 40,000 yuan award. */
export const PROGRAM_ID = 'leading-enterprise';
export const POOL_ID = 'pool-leading';
export const CLAIM_YEAR = 2023;
/** The facts that make a firm eligible for the program's maximum (shared/src/testing/fixtures.ts). */
export const FACTS = {
  onlineRetailFen: 10_000_000_000,
  normalOperation: true,
  taxCompliant: true,
  localContributionFen: 1_000_000_000,
};
/** What the 2023 rules award on FACTS: below review.secondApprovalAboveFen, so one approver is enough. */
export const AWARD_FEN = 4_000_000;
const CITY = 'linqing';

/** Today in Liaocheng, and `days` later, as YYYY-MM-DD. */
const shanghaiDate = (days = 0) => new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

/** A small well-formed PDF; `marker` makes each file distinct. */
const pdf = (marker) =>
  Buffer.from(
    `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n% ${marker}\ntrailer<</Root 1 0 R>>\n%%EOF\n`,
  );

/** A valid USCC: prefix (5 characters of the organisation code) and a four-digit number. */
const uscc = (prefix, n) => {
  const body = `91371500${prefix}${String(n).padStart(4, '0')}`;
  const check = usccCheckCharacter(body);
  if (!check) throw new Error(`not a USCC body: ${body}`);
  return body + check;
};

/** The shared client over fetch (or the caller's transport), with its own session. */
const defaultClientFor = (baseUrl, tokens) =>
  createApiClient({ baseUrl, transport: fetchTransport(), tokens, timeoutMs: 120_000 });

/** Runs `task` over `items` with at most `limit` at a time; the results in order. */
const pooled = async (items, limit, task) => {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
};

let factsQueue = Promise.resolve();
/** Runs `task` after every task given before it has settled. */
const factsInTurn = (task) => {
  const run = factsQueue.then(task);
  factsQueue = run.catch(() => {});
  return run;
};

/** A signed-in client of `role` on `baseUrl`. */
const signedIn = async (clientFor, baseUrl, role, openid, county) => {
  const client = clientFor(baseUrl, memoryTokens());
  await client.demoLogin({ body: { role, openid, ...(county ? { county } : {}) } });
  return client;
};

/** One firm's application, from sign-in to city review with every condition verified. */
const prepareOne = async ({ clientFor, baseUrl, prefix, n, county, city }) => {
  const owner = await signedIn(clientFor, baseUrl, 'applicant', `${prefix}-owner-${n}`);
  const org = await owner.createOrg({
    body: {
      uscc: uscc(prefix, n),
      name: `基准测试电商企业${prefix}${n}号有限公司`,
      county: CITY,
      orgTypes: ['ecommerce'],
      legalRepresentative: '王法人',
      contactName: '赵联系',
      contactPhone: '13912345678',
    },
  });
  // One firm's facts at a time: entering the first facts of two new firms at once deadlocks on
  // MariaDB (FactsService locks the firm's absent fact rows, a gap lock each, then both insert
  // into the gap; found by this benchmark, reported). The race measured is the approvals'.
  await factsInTurn(() =>
    owner.putFacts({ params: { orgId: org.id }, query: { year: CLAIM_YEAR }, body: { facts: FACTS } }),
  );
  const draft = await owner.createApplication({
    params: { orgId: org.id },
    body: { programId: PROGRAM_ID, claimYear: CLAIM_YEAR },
  });
  const { materials } = await owner.listMaterials({ params: { id: draft.id } });
  for (const m of materials.filter((x) => x.required && !x.current)) {
    if (!m.accepts.includes('pdf')) throw new Error(`material ${m.id} takes no PDF`);
    const { file } = await owner.uploadFile({
      query: { orgId: org.id },
      body: { file: { name: `${m.name}.pdf`, type: 'application/pdf', content: pdf(`${prefix}-${n}-${m.id}`) } },
    });
    await owner.attachMaterial({ params: { id: draft.id, materialId: m.id }, body: { fileId: file.id } });
  }
  await owner.submitApplication({ params: { id: draft.id } });
  const atCity = await county.approveApplication({ params: { id: draft.id }, body: {} });
  if (atCity.application.status !== 'city-review')
    throw new Error(`application ${draft.id} is ${atCity.application.status} after the county's approval`);
  const review = await city.getReview({ params: { id: draft.id } });
  const verified = await city.verifyApplication({
    params: { id: draft.id },
    body: {
      conditions: review.conditions.map((c) => ({
        conditionId: c.id,
        verdict: c.status === 'review' ? 'met' : 'confirmed',
      })),
    },
  });
  if (verified.maxAwardFen !== AWARD_FEN)
    throw new Error(`application ${draft.id}: the rules award ${verified.maxAwardFen} fen, expected ${AWARD_FEN}`);
  return draft.id;
};

/**
 * A round whose pool holds exactly `fits` awards and `applications` applications at city review
 * ready to be approved, prepared through the processes at `bases` in turn.
 */
export const prepareRace = async ({
  bases,
  fits,
  applications,
  prefix,
  concurrency = 8,
  clientFor = defaultClientFor,
  onProgress = () => {},
}) => {
  if (!/^[0-9A-HJ-NP-RTUWXY]{5}$/.test(prefix)) throw new Error(`prefix must be 5 USCC characters: ${prefix}`);
  const capFen = fits * AWARD_FEN;
  const city = await Promise.all(bases.map((b) => signedIn(clientFor, b, 'city-reviewer', `${prefix}-city-setup`)));
  const county = await Promise.all(
    bases.map((b) => signedIn(clientFor, b, 'county-reviewer', `${prefix}-county`, CITY)),
  );
  const round = await city[0].createRound({
    body: {
      claimYear: CLAIM_YEAR,
      title: `并发审核基准批次${prefix}`,
      opens: shanghaiDate(),
      closes: shanghaiDate(30),
      programs: [PROGRAM_ID],
      pools: [{ poolId: POOL_ID, capFen, sharing: 'order' }],
    },
  });
  let done = 0;
  const ids = await pooled(
    Array.from({ length: applications }, (_, i) => i + 1),
    concurrency,
    async (n, i) => {
      const at = i % bases.length;
      const id = await prepareOne({ clientFor, baseUrl: bases[at], prefix, n, county: county[at], city: city[at] });
      onProgress(++done, applications);
      return id;
    },
  );
  return { roundId: round.id, capFen, awardFen: AWARD_FEN, applicationIds: ids };
};

/**
 * Every application approved once through process i % n and once more at the same moment (the
 * retry) through the next process, by `sessions` distinct city reviewers. Every request's
 * outcome, and the burst's wall time from the first request sent to the last answer.
 */
export const approvalBurst = async ({ bases, applicationIds, sessions, prefix, clientFor = defaultClientFor }) => {
  const reviewers = [];
  for (let s = 0; s < sessions; s++) {
    const tokens = memoryTokens();
    const first = clientFor(bases[0], tokens);
    await first.demoLogin({ body: { role: 'city-reviewer', openid: `${prefix}-city-${s}` } });
    // One session, a client per process: a token of one process is good on every other.
    reviewers.push(bases.map((b, i) => (i === 0 ? first : clientFor(b, tokens))));
  }
  const approve = (applicationId, attempt, at, session) => {
    const started = performance.now();
    return reviewers[session][at].approveApplication({ params: { id: applicationId }, body: {} }).then(
      (view) => ({
        applicationId,
        attempt,
        process: at,
        ok: true,
        status: view.application.status,
        ms: performance.now() - started,
      }),
      (error) => ({
        applicationId,
        attempt,
        process: at,
        ok: false,
        code: typeof error?.code === 'string' ? error.code : 'UNKNOWN',
        httpStatus: typeof error?.status === 'number' ? error.status : 0,
        message: String(error?.message ?? error),
        ms: performance.now() - started,
      }),
    );
  };
  const started = performance.now();
  const requests = applicationIds.flatMap((id, i) => {
    const at = i % bases.length;
    const session = i % sessions;
    return [approve(id, 'first', at, session), approve(id, 'retry', (at + 1) % bases.length, session)];
  });
  const outcomes = await Promise.all(requests);
  return { outcomes, seconds: (performance.now() - started) / 1000 };
};

/**
 * The baseline, measured in the same run on the same processes: every application's review read
 * twice at once (GET /applications/:id/review: access check, pinned edition, the rules on the
 * verified facts), spread as the approvals are. The approvals' rate is recorded as a ratio of it,
 * since this machine's speed differs from one day to the next.
 */
export const readBurst = async ({ bases, applicationIds, prefix, clientFor = defaultClientFor }) => {
  const tokens = memoryTokens();
  const first = clientFor(bases[0], tokens);
  await first.demoLogin({ body: { role: 'city-reviewer', openid: `${prefix}-reader` } });
  const clients = bases.map((b, i) => (i === 0 ? first : clientFor(b, tokens)));
  const started = performance.now();
  await Promise.all(
    applicationIds.flatMap((id, i) => [
      clients[i % bases.length].getReview({ params: { id } }),
      clients[(i + 1) % bases.length].getReview({ params: { id } }),
    ]),
  );
  return { requests: applicationIds.length * 2, seconds: (performance.now() - started) / 1000 };
};

/**
 * The pool of the round as the database holds it: its totals, its ledger (lines, sum of the
 * reserve lines) and its holds. `query` runs one SQL statement with `?` placeholders.
 */
export const readPool = async (query, roundId) => {
  const [pool] = await query(
    'SELECT id, cap_fen, reserved_fen, committed_fen FROM round_pools WHERE round_id = ? AND pool_id = ?',
    [roundId, POOL_ID],
  );
  if (!pool) throw new Error(`round ${roundId} has no ${POOL_ID}`);
  const [ledger] = await query(
    `SELECT COUNT(*) AS n, COALESCE(SUM(CASE WHEN kind = 'reserve' THEN amount_fen ELSE 0 END), 0) AS reserved,
            COALESCE(SUM(CASE WHEN kind = 'reserve' THEN 1 ELSE 0 END), 0) AS reserves
       FROM pool_ledger WHERE round_pool_id = ?`,
    [pool.id],
  );
  const [holds] = await query(`SELECT COUNT(*) AS n FROM pool_holds WHERE round_pool_id = ? AND state = 'reserved'`, [
    pool.id,
  ]);
  const capFen = Number(pool.cap_fen);
  const reservedFen = Number(pool.reserved_fen);
  const committedFen = Number(pool.committed_fen);
  const ledgerReservedFen = Number(ledger.reserved);
  return {
    capFen,
    reservedFen,
    committedFen,
    overAllocatedFen: Math.max(0, reservedFen + committedFen - capFen),
    ledgerLines: Number(ledger.n),
    ledgerReserveLines: Number(ledger.reserves),
    ledgerReservedFen,
    ledgerOverAllocatedFen: Math.max(0, ledgerReservedFen - capFen),
    reservedHolds: Number(holds.n),
  };
};

/**
 * The burst's outcomes counted. A refusal is expected when the pool had no room (POOL_EXHAUSTED),
 * the status had moved on (INVALID_TRANSITION), or, for the other request of an application whose
 * approval succeeded, FORBIDDEN because the application is now at finance's stage: the access
 * policy answers a city reviewer's approval at 财政审核 with 403 before the status rule's 409.
 */
export const tally = (outcomes) => {
  const approved = new Set(outcomes.filter((o) => o.ok).map((o) => o.applicationId));
  const refusedBy = {};
  let succeeded = 0;
  let refused = 0;
  for (const o of outcomes) {
    if (o.ok) {
      succeeded++;
      continue;
    }
    refusedBy[o.code] = (refusedBy[o.code] ?? 0) + 1;
    if (
      o.code === 'POOL_EXHAUSTED' ||
      o.code === 'INVALID_TRANSITION' ||
      (o.code === 'FORBIDDEN' && approved.has(o.applicationId))
    )
      refused++;
  }
  return {
    requests: outcomes.length,
    succeeded,
    refused,
    refusedBy,
    unexpected: outcomes.length - succeeded - refused,
  };
};
