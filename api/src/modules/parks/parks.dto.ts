import {
  type ParkCriterion,
  type ParkScore,
  type PutParkCriteriaRequest,
  type PutParkScoresRequest,
} from '@huiqi/shared';
import { ArrayMaxSize, ArrayMinSize, IsArray } from 'class-validator';

/** The criteria are checked item by item in the service (readCriteria), naming criteria[i].field. */
export class PutParkCriteriaDto implements PutParkCriteriaRequest {
  @IsArray({
    message: '评价指标必须是列表，例如 [{"name":"企业孵化","weightBp":5000},{"name":"人才培训","weightBp":5000}]',
  })
  @ArrayMinSize(1, { message: '至少设置一项评价指标' })
  @ArrayMaxSize(20, { message: '评价指标最多20项' })
  criteria!: ParkCriterion[];
}

/** The scores are checked item by item in the service (readScores), naming scores[i].field. */
export class PutParkScoresDto implements PutParkScoresRequest {
  @IsArray({ message: '得分必须是列表，例如 [{"criterion":"企业孵化","score":90}]' })
  @ArrayMinSize(1, { message: '至少录入一项得分' })
  @ArrayMaxSize(20, { message: '得分最多20项' })
  scores!: ParkScore[];
}
