import { type App } from '../../../api/src/app.factory.js';
import { ApplicationEntity } from '../../../api/src/modules/applications/application.entity.js';
import { EditionsService } from '../../../api/src/modules/editions/editions.service.js';
import { DataSource } from 'typeorm';
import { TEST_NOW } from './connect.js';

/**
 * Applications at the city's review for a firm, written straight to the database: what the pool
 * suites need is rows that pool holds can reference, not the path through county review.
 */
export const applicationsAtCityReview = async (
  app: App,
  orgId: number,
  userId: number,
  claimYear: number,
  count: number,
  status: ApplicationEntity['status'] = 'city-review',
): Promise<number[]> => {
  const pinned = await app.app.get(EditionsService).inForce(claimYear);
  const repo = app.app.get(DataSource).getRepository(ApplicationEntity);
  const rows = Array.from({ length: count }, () =>
    repo.create({
      orgId,
      programId: 'leading-enterprise',
      claimYear,
      editionId: pinned.editionId,
      editionVersionId: pinned.id,
      status,
      factsSnapshot: {},
      evaluation: null,
      maxAmountFen: null,
      activeKey: null,
      onceKey: null,
      createdBy: userId,
      createdAt: TEST_NOW,
      updatedAt: TEST_NOW,
      orgName: '测试电商企业',
      orgUscc: null,
      orgCounty: 'linqing',
    }),
  );
  const saved = await repo.save(rows);
  return saved.map((a) => a.id);
};
