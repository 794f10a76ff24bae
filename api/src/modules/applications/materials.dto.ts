import { type AttachMaterialRequest, type ReviewMaterialRequest } from '@huiqi/shared';
import { IsIn, IsInt, IsOptional, Min } from 'class-validator';
import { IsHumanText } from '../../common/human-text.js';

export class AttachDto implements AttachMaterialRequest {
  @IsInt({ message: '必须是文件库中的文件编号' })
  @Min(1, { message: '必须是文件库中的文件编号' })
  fileId!: number;
}

export class ReviewMaterialDto implements ReviewMaterialRequest {
  @IsIn(['accept', 'reject'], { message: '只能是 accept（通过）或 reject（退回）' })
  decision!: 'accept' | 'reject';

  /** Shown to the applicant as written: several lines are fine. */
  @IsOptional()
  @IsHumanText('退回原因', { max: 500, multiline: true })
  reason?: string;
}
