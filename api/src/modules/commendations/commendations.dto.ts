import { type PublishCommendationsRequest, YEARS } from '@huiqi/shared';
import { IsInt, Max, Min } from 'class-validator';

export class PublishCommendationsDto implements PublishCommendationsRequest {
  @IsInt({ message: YEARS.message })
  @Min(YEARS.min, { message: YEARS.message })
  @Max(YEARS.max, { message: YEARS.message })
  year!: number;
}
