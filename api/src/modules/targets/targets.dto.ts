import {
  isIsoDate,
  OBSERVATION_INDICATORS,
  type ObservationIndicator,
  type TargetObservationRequest,
} from '@huiqi/shared';
import { IsIn, IsInt, IsString, Max, MaxLength, Min, registerDecorator } from 'class-validator';

const DATE_MESSAGE = '观测日期必须是有效的日期，格式为YYYY-MM-DD，例如2023-06-30';

/** A real calendar day as YYYY-MM-DD, refused with the other fields (2023-02-30 too). */
const IsDay = (): PropertyDecorator => (target, propertyName) =>
  registerDecorator({
    name: 'isDay',
    target: target.constructor,
    propertyName: propertyName as string,
    validator: {
      validate: (value: unknown) => typeof value === 'string' && isIsoDate(value),
      defaultMessage: () => DATE_MESSAGE,
    },
  });

export class TargetObservationDto implements TargetObservationRequest {
  @IsIn(OBSERVATION_INDICATORS, {
    message: `指标只能是：${OBSERVATION_INDICATORS.join('、')}`,
  })
  indicator!: ObservationIndicator;

  @IsDay()
  observedOn!: string;

  @IsInt({ message: '数量必须是不小于0的整数' })
  @Min(0, { message: '数量必须是不小于0的整数' })
  @Max(10_000_000, { message: '数量不能超过10,000,000，请检查是否多填了位数' })
  value!: number;

  @IsString({ message: '来源必须是文本，例如 市统计局2023年6月通报' })
  @MaxLength(200, { message: '来源最多200个字' })
  source!: string;
}
