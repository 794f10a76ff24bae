// Text a person typed: a firm's name, a contact, a reviewer's reason. The API and the
// mini-program check it with the same rules, so a form refuses exactly what the server would.

export interface TextRules {
  /** Fewest characters (code points) after trimming; 1 when not given. */
  min?: number;
  /** Most characters (code points) after trimming. */
  max: number;
  /** Line breaks are allowed (a reason, a comment); a name or a contact is one line. */
  multiline?: boolean;
}

export type TextProblem =
  'missing' | 'notText' | 'unpaired' | 'control' | 'newline' | 'bidi' | 'blank' | 'tooShort' | 'tooLong';

export type TextCheck = { ok: true; value: string } | { ok: false; problem: TextProblem; message: string };

// Line breaks as a browser, Windows or a paste from a word processor sends them.
const LINE_BREAKS = /\r\n?|[\u2028\u2029]/g;
const SINGLE_LINE_BREAK = /[\n\r\u2028\u2029]/;
// C0 and C1 controls and DEL. Tab and line feed are handled on their own (see textProblem).
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/u;
// Characters that reorder the text around them: `聊城\u202Efdp.exe公司` shows as `聊城exe.pdf公司`.
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
// A UTF-16 half of a character without its other half: JSON can carry one ("\ud800"), no
// database column can store it.
const UNPAIRED = /\p{Surrogate}/u;
const PAIRS = /[\uD800-\uDBFF][\uDC00-\uDFFF]/g;
// Something that shows: not white space and not one of the characters Unicode says to render
// as nothing (zero-width space and joiners, word joiner, BOM, soft hyphen, Hangul fillers…).
const VISIBLE = /[^\p{White_Space}\p{Default_Ignorable_Code_Point}]/u;

/** NFC, trimmed, line breaks as `\n` when the field is multi-line: the value that is stored. */
export const normalizeText = (value: string, rules: Pick<TextRules, 'multiline'> = {}): string => {
  const nfc = value.normalize('NFC');
  return (rules.multiline ? nfc.replace(LINE_BREAKS, '\n') : nfc).trim();
};

/** Characters as people count them (code points), not UTF-16 units: 𠀀 is one, not two. */
export const textLength = (value: string): number => value.length - (value.match(PAIRS)?.length ?? 0);

/** What is wrong with an already normalised text, or null. */
export const textProblem = (value: unknown, rules: TextRules): TextProblem | null => {
  if (value === undefined || value === null) return 'missing';
  if (typeof value !== 'string') return 'notText';
  if (UNPAIRED.test(value)) return 'unpaired';
  if (!rules.multiline && SINGLE_LINE_BREAK.test(value)) return 'newline';
  if (CONTROL.test(value) || (!rules.multiline && value.includes('\t'))) return 'control';
  if (BIDI.test(value)) return 'bidi';
  if (!VISIBLE.test(value)) return 'blank';
  const length = textLength(value);
  if (length < (rules.min ?? 1)) return 'tooShort';
  if (length > rules.max) return 'tooLong';
  return null;
};

/** What to fix, in Chinese, naming the field by what the user sees on the form (`label`). */
export const textProblemMessage = (problem: TextProblem, label: string, rules: TextRules): string => {
  switch (problem) {
    case 'missing':
      return `请填写${label}`;
    case 'notText':
      return `${label}必须是文本`;
    case 'unpaired':
      return `${label}含有无法识别的字符（残缺的代理项），请删除后重新输入`;
    case 'control':
      return rules.multiline
        ? `${label}含有控制字符（如退格、响铃等不可见字符），请删除后重新填写`
        : `${label}含有控制字符（如制表符等不可见字符），请删除后重新填写`;
    case 'newline':
      return `${label}不能换行，请写在一行内`;
    case 'bidi':
      return `${label}含有改变文字方向的隐藏字符（如 U+202E），请删除后重新填写`;
    case 'blank':
      return `请填写${label}，不能只有空格或不可见字符`;
    case 'tooShort':
      return `${label}至少${rules.min ?? 1}个字`;
    case 'tooLong':
      return `${label}最多${rules.max}个字`;
  }
};

/**
 * Normalises and checks one human-entered text. On success `value` is what to store; on
 * failure `message` tells the user what to fix. Never use it on a password or a code: they
 * are compared byte for byte, and normalising them would change what the user chose.
 */
export const checkText = (value: unknown, label: string, rules: TextRules): TextCheck => {
  const normalized = typeof value === 'string' ? normalizeText(value, rules) : value;
  const problem = textProblem(normalized, rules);
  if (problem === null) return { ok: true, value: normalized as string };
  return { ok: false, problem, message: textProblemMessage(problem, label, rules) };
};
