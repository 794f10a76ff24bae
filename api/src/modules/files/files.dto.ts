import { IsIn, IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';

export class AttachDto {
  @IsInt({ message: '必须是文件库中的文件编号' })
  @Min(1, { message: '必须是文件库中的文件编号' })
  fileId!: number;
}

export class ReviewMaterialDto {
  @IsIn(['accept', 'reject'], { message: '只能是 accept（通过）或 reject（退回）' })
  decision!: 'accept' | 'reject';

  @IsOptional()
  @IsString({ message: '必须是文本' })
  @MaxLength(500, { message: '原因最多500字' })
  reason?: string;
}
