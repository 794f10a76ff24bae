import { checkText, normalizeText, textLength, textProblem, type TextRules } from './text';

const NAME: TextRules = { min: 2, max: 128 };
const REASON: TextRules = { max: 500, multiline: true };

const problemOf = (value: unknown, rules: TextRules = NAME) => {
  const result = checkText(value, '企业名称', rules);
  return result.ok ? null : result.problem;
};

describe('human-entered text', () => {
  it('is stored NFC-normalised and trimmed', () => {
    // "é" written as e + combining acute (two code points) becomes the single code point U+00E9.
    expect(checkText('  Caf\u0065\u0301 聊城 \u3000', '企业名称', NAME)).toEqual({ ok: true, value: 'Caf\u00e9 聊城' });
    // A compatibility character keeps its identity: NFC, not NFKC (全角 stays 全角).
    expect(normalizeText('ＡＢＣ公司')).toBe('ＡＢＣ公司');
  });

  it.each([
    ['NUL', 'a\u0000b公司'],
    ['backspace', '聊城\u0008公司'],
    ['escape', '聊城\u001b[31m公司'],
    ['DEL', '聊城\u007f公司'],
    ['a C1 control (NEL)', '聊城\u0085公司'],
    ['a C1 control (CSI)', '聊城\u009b公司'],
    ['a tab in a one-line field', '聊城\t公司'],
  ])('refuses %s', (_label, value) => expect(problemOf(value)).toBe('control'));

  it.each([
    ['right-to-left override', '聊城\u202efdp.exe公司'],
    ['left-to-right mark', '聊城\u200e公司'],
    ['right-to-left mark', '聊城\u200f公司'],
    ['left-to-right embedding', '聊城\u202a公司'],
    ['pop directional formatting', '聊城\u202c公司'],
    ['first strong isolate', '聊城\u2068公司'],
    ['pop directional isolate', '聊城\u2069公司'],
  ])('refuses a bidi control: %s', (_label, value) => expect(problemOf(value)).toBe('bidi'));

  it.each([
    ['empty', ''],
    ['spaces', '     '],
    ['ideographic spaces', '\u3000\u3000'],
    ['zero-width spaces', '\u200b\u200b\u200b'],
    ['a zero-width joiner and non-joiner', '\u200d\u200c'],
    ['a word joiner', '\u2060\u2060'],
    ['byte order marks', '\ufeff\ufeff'],
    ['zero-width characters between spaces', ' \u200b \ufeff '],
    ['Hangul fillers', '\u3164\u3164'],
  ])('refuses text with nothing visible: %s', (_label, value) => expect(problemOf(value)).toBe('blank'));

  it('keeps zero-width joiners inside visible text (emoji sequences use them)', () => {
    expect(problemOf('家庭👨\u200d👩\u200d👧农场')).toBeNull();
  });

  it('refuses half of a surrogate pair, which no database column can store', () => {
    expect(problemOf('聊城\ud800公司')).toBe('unpaired');
    expect(problemOf('聊城\udc00公司')).toBe('unpaired');
  });

  it.each([
    ['a line feed', '王\n法人'],
    ['a carriage return', '王\r法人'],
    ['CRLF', '王\r\n法人'],
    ['a line separator', '王\u2028法人'],
    ['a paragraph separator', '王\u2029法人'],
  ])('refuses %s in a one-line field', (_label, value) => expect(problemOf(value)).toBe('newline'));

  it('accepts line breaks in a multi-line field, stored as \\n', () => {
    expect(checkText('第一行\r\n第二行\r第三行\u2028第四行', '原因', REASON)).toEqual({
      ok: true,
      value: '第一行\n第二行\n第三行\n第四行',
    });
    expect(problemOf('材料不全\t请补充', REASON)).toBeNull();
    // Controls other than tab and line breaks stay refused in a multi-line field.
    expect(problemOf('材料\u0007不全', REASON)).toBe('control');
    expect(problemOf('材料\u202e不全', REASON)).toBe('bidi');
    expect(problemOf('\n\n\u200b\n', REASON)).toBe('blank');
  });

  it('counts characters as code points, not UTF-16 units', () => {
    // U+20000 (𠀀) is one character but two UTF-16 units.
    expect('𠀀'.length).toBe(2);
    expect(textLength('𠀀𠀀聊城')).toBe(4);
    expect(problemOf('𠀀'.repeat(128))).toBeNull();
    expect(problemOf('𠀀'.repeat(129))).toBe('tooLong');
    expect(problemOf('𠀀')).toBe('tooShort');
  });

  it('measures the length after normalising', () => {
    // 64 × (e + combining acute) is 128 code points raw, 64 after NFC.
    expect(problemOf('e\u0301'.repeat(64), { max: 64 })).toBeNull();
    expect(problemOf(`  ${'聊'.repeat(128)}  `)).toBeNull();
  });

  it('refuses anything that is not a string, and asks for a missing one', () => {
    for (const value of [12, true, ['聊城'], { name: '聊城' }]) expect(problemOf(value)).toBe('notText');
    for (const value of [undefined, null]) expect(problemOf(value)).toBe('missing');
    expect(checkText(undefined, '企业名称', { max: 128 })).toMatchObject({ ok: false, message: '请填写企业名称' });
  });

  it('names the field and says what to fix, in Chinese', () => {
    const message = (value: string, rules: TextRules = NAME) => {
      const result = checkText(value, '联系人姓名', rules);
      return result.ok ? '' : result.message;
    };
    expect(message('赵\n联系')).toBe('联系人姓名不能换行，请写在一行内');
    expect(message('\u200b')).toBe('请填写联系人姓名，不能只有空格或不可见字符');
    expect(message('赵\u202e联系')).toContain('联系人姓名含有改变文字方向的隐藏字符');
    expect(message('赵')).toBe('联系人姓名至少2个字');
    expect(message('赵'.repeat(129))).toBe('联系人姓名最多128个字');
    expect(message('赵\u0000联系')).toContain('联系人姓名含有控制字符');
  });

  it('textProblem checks a value as given: normalising is the caller’s first step', () => {
    expect(textProblem(' 聊城 ', NAME)).toBeNull();
    expect(textProblem('聊城\r\n', NAME)).toBe('newline');
  });
});
