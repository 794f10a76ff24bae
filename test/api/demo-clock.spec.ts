import { type DemoClockAdvance, type DemoClockView, type ErrorBody } from '@huiqi/shared';
import { ApplicationEntity } from '../../api/src/modules/applications/application.entity.js';
import { loadConfig } from '../../api/src/config/config.js';
import { boot, type Booted, firm, publishDemoEdition } from './support/app.js';
import { ENGINES } from './support/databases.js';
import { fillRequired } from './support/files.js';
import { putOnNotice } from './support/notice.js';

const TALENT_FACTS = { orgTypes: ['ecommerce'], registeredInCity: true, trainedHireCount: 12 };

// 演示时钟: a demo (`npm start`) passes a notice period's working days in a minute. Off by default and
// refused in production; on, only the administrator moves it, and the notices it ends are concluded.
describe.each(ENGINES)('the demo clock on %s', (engine) => {
  describe('off (every deployment but npm start)', () => {
    let api: Booted;
    beforeAll(async () => {
      api = await boot(engine);
    });
    afterAll(() => api.close());

    it("tells anyone the API's today, and moving it is not found", async () => {
      const read = await api.call<DemoClockView>('GET', '/api/v1/demo/clock');
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({ enabled: false, today: api.clock.today() });
      const admin = await api.login('admin', 'clock-off-admin');
      const moved = await api.call<ErrorBody>('POST', '/api/v1/demo/clock', { token: admin, body: { days: 3 } });
      expect(moved.status).toBe(404);
      expect(moved.body.message).toContain('演示时钟未开启');
      expect((await api.call<DemoClockView>('GET', '/api/v1/demo/clock')).body.today).toBe(read.body.today);
    });

    it('is refused in production', () => {
      expect(() =>
        loadConfig({
          NODE_ENV: 'production',
          DEMO_CLOCK: '1',
          TOKEN_SECRET: 'x'.repeat(40),
          DB_URL: 'sqlite::memory:',
        }),
      ).toThrow(/DEMO_CLOCK/);
    });
  });

  describe('on', () => {
    let api: Booted;
    beforeAll(async () => {
      api = await boot(engine, { DEMO_CLOCK: '1' });
      await publishDemoEdition(api, 2026);
    });
    afterAll(() => api.close());

    it('moves only for the administrator, 1 to 30 days, and concludes the notices that end with it', async () => {
      const owner = await api.login('applicant', 'clock-owner');
      const orgId = (await api.call<{ id: number }>('POST', '/api/v1/orgs', { token: owner, body: firm(91) })).body.id;
      await api.call('PUT', `/api/v1/orgs/${orgId}/facts?year=2026`, { token: owner, body: { facts: TALENT_FACTS } });
      const id = (
        await api.call<{ id: number }>('POST', `/api/v1/orgs/${orgId}/applications`, {
          token: owner,
          body: { programId: 'talent-hiring', claimYear: 2026 },
        })
      ).body.id;
      await fillRequired(api, owner, orgId, id);
      expect((await api.call('POST', `/api/v1/applications/${id}/submit`, { token: owner })).status).toBe(200);
      const onNotice = await putOnNotice(api, id);
      expect(onNotice.status).toBe('notice');

      const before = (await api.call<DemoClockView>('GET', '/api/v1/demo/clock')).body;
      expect(before.enabled).toBe(true);
      const city = await api.login('city-reviewer', 'clock-city');
      const refused = await api.call<ErrorBody>('POST', '/api/v1/demo/clock', { token: city, body: { days: 3 } });
      expect(refused.status).toBe(403);
      expect(refused.body.message).toBe('只有系统管理员可以快进演示时钟');
      const admin = await api.login('admin', 'clock-admin');
      for (const days of [0, 31, 1.5, '3'])
        expect(
          (await api.call<ErrorBody>('POST', '/api/v1/demo/clock', { token: admin, body: { days } })).body.details,
        ).toEqual([{ field: 'days', message: '快进天数必须是1到30之间的整数' }]);
      expect((await api.call<DemoClockView>('GET', '/api/v1/demo/clock')).body.today).toBe(before.today);

      // Five working days of notice: fourteen calendar days are past them, holidays or not.
      const moved = await api.call<DemoClockAdvance>('POST', '/api/v1/demo/clock', {
        token: admin,
        body: { days: 14 },
      });
      expect(moved.status).toBe(200);
      expect(moved.body.today).toBe(api.clock.today());
      expect(Date.parse(`${moved.body.today}T00:00:00Z`) - Date.parse(`${before.today}T00:00:00Z`)).toBe(
        14 * 86_400_000,
      );
      expect(moved.body.concluded).toEqual([id]);
      const after = await api.app.dataSource.getRepository(ApplicationEntity).findOneByOrFail({ id });
      expect(after.status).toBe('approved');
    });
  });
});
