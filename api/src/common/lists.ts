import { registerDecorator } from 'class-validator';
import { atItem } from './validation.pipe.js';

/** Index of the first item equal to an earlier one, and that earlier one's; null when all differ. */
const firstRepeat = (list: readonly unknown[]): { at: number; first: number } | null => {
  // Lists here are short (a form's choices, capped by @ArrayMaxSize first): indexOf is enough.
  for (let at = 1; at < list.length; at++) {
    const first = list.indexOf(list[at]);
    if (first < at) return { at, first };
  }
  return null;
};

/**
 * A list whose items are all different. A repeat is refused at its index (`orgTypes[1]`), as
 * the shared facts validator refuses one, instead of being stored hundreds of times.
 */
export const HasNoRepeats =
  (): PropertyDecorator =>
  (target, propertyName): void =>
    registerDecorator({
      name: 'hasNoRepeats',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (value: unknown) => !Array.isArray(value) || firstRepeat(value) === null,
        defaultMessage: (args) => {
          const repeat = Array.isArray(args?.value) ? firstRepeat(args.value as unknown[]) : null;
          return repeat
            ? atItem(repeat.at, `与第${repeat.first + 1}项重复，请删除重复项`)
            : '列表中有重复项，请删除重复项';
        },
      },
    });
