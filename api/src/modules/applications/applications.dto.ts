import { PROGRAM_IDS, type ProgramId, YEARS } from '@huiqi/shared';
import { IsBoolean, IsIn, IsInt, IsObject, IsOptional, Max, Min } from 'class-validator';

export class CreateApplicationDto {
  @IsIn(PROGRAM_IDS, { message: '不是资金奖励项目编号，例如 leading-enterprise' })
  programId!: ProgramId;

  @IsInt({ message: YEARS.message })
  @Min(YEARS.min, { message: YEARS.message })
  @Max(YEARS.max, { message: YEARS.message })
  claimYear!: number;
}

export class UpdateApplicationDto {
  /** Facts of this application to set (null clears one); checked by the shared contract. */
  @IsOptional()
  @IsObject({ message: '必须是对象，例如 { "trainedHireCount": 12 }' })
  facts?: Record<string, unknown>;

  /** Take the firm's current facts for the claim year again. */
  @IsOptional()
  @IsBoolean({ message: '必须是 true 或 false' })
  refreshFromOrg?: boolean;
}
