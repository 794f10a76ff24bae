import { type ArgumentMetadata, Injectable, type PipeTransform } from '@nestjs/common';
import { parseInteger } from './integers.js';

/** A record id from the path or the query: a positive integer, or a 400 naming the parameter. */
@Injectable()
export class IdPipe implements PipeTransform<unknown, number> {
  transform(value: unknown, metadata: ArgumentMetadata): number {
    return parseInteger(value, metadata.data ?? 'id', { min: 1, max: 2_147_483_647, message: '必须是正整数编号' });
  }
}
