import { deflateRawSync } from 'node:zlib';

/** 32 random bytes: what `openssl rand -base64 32` gives. */
export const MIN_SECRET_BITS = 256;

export const HOW_TO_GENERATE = 'openssl rand -base64 32';

/**
 * Words people put in secrets. One short word turns up in a random value now and then ('admin'
 * in about one base64 value in a million), so it takes words covering 8 characters or more
 * ('password', or 'admin' and 'secret') to refuse a value: by chance, never.
 */
const WORD_CHARACTERS_REFUSED = 8;
const COMMON_WORDS = [
  'password',
  'passwd',
  'secret',
  'admin',
  'token',
  'huiqi',
  'liaocheng',
  'changeme',
  'default',
  'letmein',
  'qwerty',
  'welcome',
  'production',
  'development',
  'example',
  'testing',
  '123456',
];

interface Alphabet {
  name: string;
  size: number;
  /** Character kinds a random value of this alphabet shows, all but certainly. */
  kinds: RegExp[];
}

const HEX: Alphabet = { name: '十六进制', size: 16, kinds: [/[0-9]/, /[a-fA-F]/] };
const BASE64: Alphabet = { name: 'base64', size: 64, kinds: [/[a-z]/, /[A-Z]/] };
const PRINTABLE: Alphabet = { name: '可打印字符', size: 95, kinds: [/[a-z]/, /[A-Z]/] };

/** The smallest alphabet the value is written in: its entropy is at most log2(size) a character. */
const alphabetOf = (value: string): Alphabet => {
  if (/^[0-9a-f]+$/.test(value) || /^[0-9A-F]+$/.test(value)) return HEX;
  if (/^[A-Za-z0-9+/_-]+$/.test(value)) return BASE64;
  return PRINTABLE;
};

/** How many distinct characters a uniformly random string of this length shows, on average. */
const expectedDistinct = (size: number, length: number): number => size * (1 - (1 - 1 / size) ** length);

/**
 * Why a production secret is not "at least 32 random bytes", in Chinese, or null when it looks
 * like the output of a generator. A guessable HMAC key lets anyone forge administrators' tokens
 * and download links, and no length rule catches `a` × 32 or `password` × 4, so this estimates
 * the randomness instead: the value's alphabet and length bound its entropy; a random value uses
 * its alphabet (enough distinct characters, both letter cases), does not compress (no repeated
 * pattern) and is not made of common words. Every check is one a freshly generated value passes all
 * but certainly (see config.spec.ts).
 */
export const secretWeakness = (name: string, value: string, defaultSecret: string): string | null => {
  const fix = `请用 ${HOW_TO_GENERATE} 生成一个新的 ${name}`;
  if (value.toLowerCase().includes(defaultSecret.toLowerCase()))
    return `${name} 不能包含默认的开发密钥，${fix} (must not contain the default secret)`;
  const words = COMMON_WORDS.filter((w) => value.toLowerCase().includes(w));
  if (words.reduce((sum, w) => sum + w.length, 0) >= WORD_CHARACTERS_REFUSED)
    return `${name} 含有常见词“${words.join('”“')}”，容易被猜到，${fix} (contains common words)`;
  // Padding carries no randomness.
  const core = value.replace(/=+$/, '');
  const alphabet = alphabetOf(core);
  const bits = Math.floor(core.length * Math.log2(alphabet.size));
  if (bits < MIN_SECRET_BITS)
    return `${name} 太短：${core.length}个${alphabet.name}字符最多约${bits}位随机性，至少需要${MIN_SECRET_BITS}位（32个随机字节），${fix} (needs 32 random bytes)`;
  const distinct = new Set(core).size;
  if (distinct < expectedDistinct(alphabet.size, core.length) / 2)
    return `${name} 只用了${distinct}种字符，不像随机生成的，${fix} (too few distinct characters)`;
  if (alphabet.kinds.some((kind) => !kind.test(core)))
    return `${name} 的字符种类太少（随机的${alphabet.name}值会同时含有${alphabet === HEX ? '数字和字母' : '大写和小写字母'}），${fix} (not random)`;
  // Deflate finds repeats of three characters or more: a repeated pattern shrinks below 32 bytes.
  if (deflateRawSync(core, { level: 9 }).length * 8 < MIN_SECRET_BITS)
    return `${name} 含有重复的片段，${fix} (a repeated pattern)`;
  return null;
};
