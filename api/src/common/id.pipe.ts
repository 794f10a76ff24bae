import { type ArgumentMetadata, Injectable, type PipeTransform } from '@nestjs/common';
import { invalid } from './errors.js';

/** A record id from the path: a positive integer, or a 400 naming the parameter. */
@Injectable()
export class IdPipe implements PipeTransform<string, number> {
  transform(value: string, metadata: ArgumentMetadata): number {
    const id = Number(value);
    if (!/^\d{1,10}$/.test(value) || !Number.isSafeInteger(id) || id < 1)
      throw invalid(metadata.data ?? 'id', '必须是正整数编号');
    return id;
  }
}
