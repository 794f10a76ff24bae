import { formatFen, memoryTokens, type RoundView, type Session } from '@huiqi/shared';
import { DataSource } from 'typeorm';
import { firm } from '../api/support/app.js';
import { applicationsAtCityReview } from '../api/support/pools.js';
import { type Browser, describeInBrowser, openBrowser, shanghaiYear, TEST_TIMEOUT, WAIT } from './support.js';

// 资金池与批次 in Chromium on the H5 build served by the real API, on a desk-size screen: finance
// opens the page and reads each pool's figures as the API keeps them, with the bar; the page is
// saved as docs/screenshots/staff-pools.png. (The staff sign-in page is another helper's: the
// session is put where the app keeps it, as the demo sign-in would.)

describeInBrowser('the staff workbench: pools and rounds', () => {
  let b: Browser;
  const page = () => b.page;

  beforeAll(async () => {
    b = await openBrowser();
  }, TEST_TIMEOUT);
  afterAll(async () => {
    await b?.close();
  });

  it(
    'finance reads each pool of the round as the API has it, with its bar',
    async () => {
      const year = shanghaiYear();
      const signIn = async (role: string): Promise<Session> => {
        const res = await b.api.call<Session>('POST', '/api/v1/auth/demo', { body: { role, openid: `pools-${role}` } });
        if (res.status !== 200) throw new Error(`demo sign-in as ${role}: ${res.status}`);
        return res.body;
      };
      const city = b.api.client(memoryTokens(await signIn('city-reviewer')));
      const round = await city.createRound({
        body: {
          claimYear: year,
          title: `${year}年度电商政策资金第二批申报`,
          opens: `${year}-01-01`,
          closes: `${year}-12-31`,
          programs: ['leading-enterprise'],
          pools: [{ poolId: 'pool-leading', capFen: 100_000_000, sharing: 'order' }],
        },
      });
      // Three awards held by the pool: two reserved, one committed at its notice's end.
      const owner = b.api.client(memoryTokens(await signIn('applicant')));
      const orgId = (await owner.createOrg({ body: firm(71) })).id;
      const ds = b.api.app.app.get(DataSource);
      const rows = (await ds.query(`SELECT created_by FROM orgs WHERE id = ${orgId}`)) as { created_by: number }[];
      const ids = await applicationsAtCityReview(b.api.app, orgId, Number(rows[0]?.created_by), year, 3);
      const { BudgetService } = await import('../../api/src/modules/budget/budget.service.js');
      const { Transactions } = await import('../../api/src/database/transactions.js');
      const budget = b.api.app.app.get(BudgetService);
      const tx = b.api.app.app.get(Transactions);
      const amounts = [30_000_000, 12_345_678, 20_000_001];
      for (const [i, id] of ids.entries())
        await tx.run((m) =>
          budget.reserve(m, {
            roundId: round.id,
            poolId: 'pool-leading',
            applicationId: id,
            amountFen: amounts[i] as number,
            actorId: null,
          }),
        );
      await tx.run((m) => budget.commit(m, ids[0] as number, null));

      const finance = await signIn('finance');
      await page().setViewportSize({ width: 1440, height: 900 });
      await page().goto(`${b.api.url}/pages/home/index`);
      await page().evaluate(
        `localStorage.setItem('huiqi.session.v1', JSON.stringify({ data: ${JSON.stringify(finance)} }))`,
      );
      await page().goto(`${b.api.url}/subpackages/staff/pools/index`);

      const listed = (await b.api.call<{ rounds: RoundView[] }>('GET', `/api/v1/rounds?year=${year}`)).body.rounds;
      const pool = listed.find((r) => r.id === round.id)?.pools[0];
      expect(pool).toMatchObject({ capFen: 100_000_000, reservedFen: 32_345_679, committedFen: 30_000_000 });
      const card = page().locator(`[data-round="${round.id}"] [data-pool="pool-leading"]`);
      await card.waitFor(WAIT);
      const figure = (name: string) => card.locator(`[data-figure="${name}"] .pool__figure-value`).innerText();
      expect(await figure('cap')).toBe(formatFen(pool?.capFen ?? -1));
      expect(await figure('reserved')).toBe(formatFen(pool?.reservedFen ?? -1));
      expect(await figure('committed')).toBe(formatFen(pool?.committedFen ?? -1));
      expect(await figure('paid')).toBe(formatFen(pool?.paidFen ?? -1));
      expect(await figure('left')).toBe(formatFen(pool?.availableFen ?? -1));
      // The bar's segments in proportion to the pool: 30%, 32.35%, 37.65% of its width.
      const widths = await card
        .locator('[data-segment]')
        .evaluateAll((els) =>
          els.map((el) => [el.getAttribute('data-segment'), Math.round(el.getBoundingClientRect().width)]),
        );
      const track = await card.locator('.pool-bar__track').evaluate((el) => el.getBoundingClientRect().width);
      expect(widths.map(([kind]) => kind)).toEqual(['committed', 'reserved', 'left']);
      const [committed, reserved, left] = widths.map(([, w]) => Number(w));
      expect(Math.abs((committed ?? 0) - track * 0.3)).toBeLessThanOrEqual(2);
      expect(Math.abs((reserved ?? 0) - track * 0.3235)).toBeLessThanOrEqual(2);
      expect(Math.abs((left ?? 0) - track * 0.3765)).toBeLessThanOrEqual(2);
      await expect(page().getByText('导出 Excel').first().isVisible()).resolves.toBe(true);
      await b.toTop(`[data-round="${round.id}"]`);
      await b.shoot('staff-pools');
      expect(b.problems).toEqual([]);
    },
    TEST_TIMEOUT,
  );
});
