import { Transactions } from '../../../api/src/database/transactions.js';
import { ApplicationEntity } from '../../../api/src/modules/applications/application.entity.js';
import { startNotice } from '../../../api/src/modules/applications/notice-period.js';
import { BudgetService } from '../../../api/src/modules/budget/budget.service.js';
import { EditionsService } from '../../../api/src/modules/editions/editions.service.js';
import { type Booted } from './app.js';

/**
 * What the city's approval will do (the review routes are built elsewhere): the award reserved in
 * its pool, then the notice started from today, through the same BudgetService and startNotice.
 */
export const putOnNotice = async (api: Booted, id: number): Promise<ApplicationEntity> => {
  const editions = api.app.app.get(EditionsService);
  const budget = api.app.app.get(BudgetService);
  return api.app.app.get(Transactions).run(async (m) => {
    const app = await m.getRepository(ApplicationEntity).findOneByOrFail({ id });
    const { edition } = await editions.version(app.editionVersionId);
    const poolId = edition.programs[app.programId]?.poolId as string;
    const amountFen = app.maxAmountFen as number;
    await budget.reserve(m, { roundId: app.roundId as number, poolId, applicationId: id, amountFen, actorId: null });
    app.awardFen = amountFen;
    startNotice(app, edition, api.clock.today());
    return m.getRepository(ApplicationEntity).save(app);
  });
};
