import { type ArgumentMetadata, ValidationPipe, type ValidationError } from '@nestjs/common';
import { type FieldError } from '@huiqi/shared';
import { getMetadataStorage } from 'class-validator';
import { AppError } from './errors.js';

/** class-validator's built-in constraints we rely on, in the words a user reads. */
const CONSTRAINT_MESSAGES: Record<string, string> = {
  whitelistValidation: '不认识的字段，请删除或检查拼写',
  isString: '必须是文本',
  isInt: '必须是整数',
  min: '数值过小',
  max: '数值过大',
  isIn: '不是允许的取值',
  isBoolean: '必须是 true 或 false',
  isNotEmpty: '不能为空',
  isDefined: '必须填写',
  maxLength: '太长了',
  minLength: '太短了',
  matches: '格式不正确',
  isArray: '必须是列表',
  isObject: '必须是对象',
  nestedValidation: '格式不正确',
};

// class-validator reports a list's problems on the list; a message of ours that starts with
// `[i] ` is about item i, and is reported at `field[i]` (see atItem).
const ITEM = /^\[(\d+)\] /;

/** A message about one item of a list property, for our own decorators (see lists.ts). */
export const atItem = (index: number, message: string): string => `[${index}] ${message}`;

const unknownField = (field: string, key: string): FieldError => ({
  field,
  message: `不认识的字段“${key}”，请删除或检查拼写`,
});

// What kind of value a field takes is the first thing to fix: a missing field is told what to
// give ("请填写用户名"), not that it is too long.
const KIND_CHECKS = ['isDefined', 'isString', 'isInt', 'isBoolean', 'isArray', 'isObject', 'isIn', 'isUscc'];

/** The one constraint to report of those a field failed: its kind first, else the first declared. */
const firstToFix = (constraints: Record<string, string>): [string, string][] => {
  const entries = Object.entries(constraints);
  if (entries.length === 0) return [];
  if (entries.some(([key]) => key === 'whitelistValidation'))
    return entries.filter(([key]) => key === 'whitelistValidation');
  const kind = KIND_CHECKS.map((k) => entries.find(([key]) => key === k)).find((entry) => entry !== undefined);
  return [kind ?? (entries[entries.length - 1] as [string, string])];
};

const flatten = (errors: ValidationError[], prefix: string, out: FieldError[]): FieldError[] => {
  for (const e of errors) {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    for (const [key, text] of firstToFix(e.constraints ?? {})) {
      if (key === 'whitelistValidation') {
        out.push(unknownField(field, e.property));
        continue;
      }
      const item = ITEM.exec(text);
      if (item) {
        out.push({ field: `${field}[${item[1]}]`, message: text.slice(item[0].length) });
        continue;
      }
      // Our decorators carry Chinese messages; class-validator's defaults are English.
      out.push({ field, message: /[\u4e00-\u9fff]/.test(text) ? text : (CONSTRAINT_MESSAGES[key] ?? '格式不正确') });
    }
    if (e.children?.length) flatten(e.children, field, out);
  }
  return out;
};

const refusal = (details: FieldError[]): AppError =>
  new AppError('INVALID_REQUEST', `请求有误，请修改以下字段：${details.map((d) => d.field).join('、')}`, details);

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A copy class-transformer made of a JSON object or array (not an instance of a nested DTO). */
const isJsonCopy = (value: unknown): boolean =>
  typeof value === 'object' &&
  value !== null &&
  (Array.isArray(value) || Object.getPrototypeOf(value) === Object.prototype);

/**
 * Validate at the edge: unknown fields are refused whatever their name, every refusal names the
 * field in Chinese.
 *
 * Two things the stock pipe gets wrong, both from class-transformer building the DTO: it skips
 * every key that names a member of the new object (`toString`, `valueOf`, `hasOwnProperty`,
 * `constructor`, `__proto__`), so `whitelist` never sees them and they vanish without a word;
 * and it rebuilds every nested object the same way, so `{ facts: { toString: 1 } }` reached the
 * shared validators as `{ facts: {} }`. So the keys of the body as sent are checked against the
 * DTO's declared properties first, and free-form objects (facts, an edition document) reach the
 * service exactly as sent, for the shared validators to check every key. (`__proto__`,
 * `constructor` and `prototype`, which the stock pipe deletes at any depth, never get here: the
 * JSON parser refuses them, see body.ts.)
 */
export class StrictValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const dto = metadata.metatype;
    if (!dto || !this.toValidate(metadata) || !isPlainObject(value)) return super.transform(value, metadata);
    const declared = new Set(
      getMetadataStorage()
        .getTargetValidationMetadatas(dto, '', true, false)
        .map((m) => m.propertyName),
    );
    const undeclared = Object.keys(value).filter((key) => !declared.has(key));
    let result: unknown;
    try {
      result = await super.transform(value, metadata);
    } catch (error) {
      // One answer with every problem: the fields' own, then the unknown keys (which the stock
      // pipe reports only when their names are ordinary).
      if (undeclared.length === 0 || !(error instanceof AppError) || !Array.isArray(error.details)) throw error;
      const own = error.details.filter((d) => !undeclared.includes(d.field));
      throw refusal([...own, ...undeclared.map((key) => unknownField(key, key))]);
    }
    if (undeclared.length > 0) throw refusal(undeclared.map((key) => unknownField(key, key)));
    if (typeof result === 'object' && result !== null) {
      const target = result as Record<string, unknown>;
      for (const [key, sent] of Object.entries(value)) {
        if (typeof sent === 'object' && sent !== null && isJsonCopy(target[key])) target[key] = sent;
      }
    }
    return result;
  }

  /**
   * The stock pipe turns a path or query parameter typed `number` into `+value`, which reads
   * '0x7EA', '2.026e3' and ' 2026' as 2026 before IdPipe could refuse them, and one typed
   * `string` into `String(value)`, which joins a repeated parameter into '2023,2024'. Parameters
   * reach their own pipes (IdPipe, checkYear) as they were sent, and are parsed strictly there.
   */
  protected override transformPrimitive(value: unknown): unknown {
    return value;
  }
}

export const createValidationPipe = (): ValidationPipe =>
  new StrictValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    // Every rule is checked; flatten reports one message per field, the first thing to fix.
    stopAtFirstError: false,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors: ValidationError[]) => refusal(flatten(errors, '', [])),
  });
