import { type ProgramId } from '../contracts/catalogue';
import { branchConversion } from './branch-conversion';
import { leadingEnterprise } from './leading-enterprise';
import { livestreamBase } from './livestream-base';
import { livestreamEnterprise } from './livestream-enterprise';
import { countyLogisticsCenter, distributionCenter, expressInfoPlatform } from './logistics';
import { type Rule } from './builder';
import { streamerTraining, talentHiring } from './talent';

/** Every paying program's rule, in the order of the measures. */
export const RULES: { readonly [P in ProgramId]: Rule<P> } = {
  'leading-enterprise': leadingEnterprise,
  'branch-conversion': branchConversion,
  'livestream-enterprise': livestreamEnterprise,
  'livestream-base': livestreamBase,
  'talent-hiring': talentHiring,
  'streamer-training': streamerTraining,
  'county-logistics-center': countyLogisticsCenter,
  'express-info-platform': expressInfoPlatform,
  'distribution-center': distributionCenter,
};
