import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { type FieldError } from '@huiqi/shared';
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

const flatten = (errors: ValidationError[], prefix: string, out: FieldError[]): FieldError[] => {
  for (const e of errors) {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    for (const [key, text] of Object.entries(e.constraints ?? {})) {
      // Our decorators carry Chinese messages; class-validator's defaults are English.
      const chinese = /[\u4e00-\u9fff]/.test(text) ? text : (CONSTRAINT_MESSAGES[key] ?? '格式不正确');
      out.push({
        field,
        message: key === 'whitelistValidation' ? `不认识的字段“${e.property}”，请删除或检查拼写` : chinese,
      });
    }
    if (e.children?.length) flatten(e.children, field, out);
  }
  return out;
};

/** Validate at the edge: unknown fields are refused, every refusal names the field in Chinese. */
export const createValidationPipe = (): ValidationPipe =>
  new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    // One message per field: the first thing to fix, not every rule it breaks.
    stopAtFirstError: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors: ValidationError[]) => {
      const details = flatten(errors, '', []);
      return new AppError(
        'INVALID_REQUEST',
        `请求有误，请修改以下字段：${details.map((d) => d.field).join('、')}`,
        details,
      );
    },
  });
