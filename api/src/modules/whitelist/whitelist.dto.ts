import {
  WHITELIST_LIMITS,
  WHITELIST_ORG_TYPES,
  type WhitelistApplyRequest,
  type WhitelistOrgType,
  type WhitelistQueueQuery,
  type WhitelistReviewRequest,
  type WhitelistStatus,
  YEARS,
} from '@huiqi/shared';
import {
  ArrayMaxSize,
  ArrayMinSize,
  Equals,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  Max,
  Min,
} from 'class-validator';
import { IsHumanText } from '../../common/human-text.js';
import { DecimalInteger } from '../../common/integers.js';
import { HasNoRepeats } from '../../common/lists.js';

const KINDS = WHITELIST_ORG_TYPES.join('、');

export class WhitelistApplyDto implements WhitelistApplyRequest {
  @IsInt({ message: YEARS.message })
  @Min(YEARS.min, { message: YEARS.message })
  @Max(YEARS.max, { message: YEARS.message })
  year!: number;

  @IsHumanText('企业简介', {
    min: WHITELIST_LIMITS.descriptionMin,
    max: WHITELIST_LIMITS.descriptionMax,
    multiline: true,
  })
  description!: string;

  @IsArray({ message: '申请类别必须是列表，例如 ["mcn"]' })
  @ArrayMinSize(1, { message: '请至少选择一个申请类别' })
  @ArrayMaxSize(WHITELIST_ORG_TYPES.length, { message: `申请类别最多${WHITELIST_ORG_TYPES.length}个` })
  @IsIn(WHITELIST_ORG_TYPES, { each: true, message: `不是第八条所列的企业类别，可选：${KINDS}` })
  @HasNoRepeats()
  categories!: WhitelistOrgType[];

  // 第八条: 无违法违规和不良信用记录. The firm declares both; an application without them is refused.
  @IsBoolean({ message: '必须是 true 或 false' })
  @Equals(true, { message: '第八条要求无违法违规记录，请确认并勾选声明' })
  noViolations!: boolean;

  @IsBoolean({ message: '必须是 true 或 false' })
  @Equals(true, { message: '第八条要求无不良信用记录，请确认并勾选声明' })
  noBadCredit!: boolean;

  @IsOptional()
  @IsArray({ message: '佐证文件必须是文件编号的列表，例如 [12, 15]' })
  @ArrayMaxSize(WHITELIST_LIMITS.files, { message: `佐证文件最多${WHITELIST_LIMITS.files}个` })
  @IsInt({ each: true, message: '文件编号必须是正整数' })
  @Min(1, { each: true, message: '文件编号必须是正整数' })
  @HasNoRepeats()
  fileIds?: number[];
}

export class WhitelistReviewDto implements WhitelistReviewRequest {
  @IsIn(['recommend', 'refuse'], { message: '只能是 recommend（推荐）或 refuse（不予推荐）' })
  decision!: 'recommend' | 'refuse';

  /** Required to refuse; the service says so (it depends on the decision). */
  @IsOptional()
  @IsHumanText('不予推荐的理由', { max: WHITELIST_LIMITS.reasonMax, multiline: true })
  reason?: string;
}

export class WhitelistQueueQueryDto implements WhitelistQueueQuery {
  @IsOptional()
  @DecimalInteger()
  @IsInt({ message: YEARS.message })
  @Min(YEARS.min, { message: YEARS.message })
  @Max(YEARS.max, { message: YEARS.message })
  year?: number;

  @IsOptional()
  @IsIn(['submitted', 'recommended', 'refused'], {
    message: '只能是 submitted（待审核）、recommended（已推荐）或 refused（未推荐）',
  })
  status?: WhitelistStatus;
}
