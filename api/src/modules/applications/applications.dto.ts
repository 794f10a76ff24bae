import {
  type CreateApplicationRequest,
  PROGRAM_IDS,
  type ProgramId,
  type UpdateApplicationRequest,
  YEARS,
} from '@huiqi/shared';
import { IsBoolean, IsIn, IsInt, IsObject, IsOptional, Max, Min } from 'class-validator';

export class CreateApplicationDto implements CreateApplicationRequest {
  @IsIn(PROGRAM_IDS, { message: '不是资金奖励项目编号，例如 leading-enterprise' })
  programId!: ProgramId;

  @IsInt({ message: YEARS.message })
  @Min(YEARS.min, { message: YEARS.message })
  @Max(YEARS.max, { message: YEARS.message })
  claimYear!: number;
}

export class UpdateApplicationDto implements UpdateApplicationRequest {
  /**
   * Facts of this application to set (null clears one). Only its being an object is checked
   * here: the service hands it to the shared contract validator (parseFacts).
   */
  @IsOptional()
  @IsObject({ message: '必须是对象，例如 { "trainedHireCount": 12 }' })
  facts?: UpdateApplicationRequest['facts'];

  /** Take the firm's current facts for the claim year again. */
  @IsOptional()
  @IsBoolean({ message: '必须是 true 或 false' })
  refreshFromOrg?: boolean;
}
