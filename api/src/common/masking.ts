/** 张三丰 → 张**; a name another party sees keeps only its first character. */
export const maskName = (name: string): string => {
  const chars = [...name];
  return chars.length <= 1 ? '*' : `${chars[0]}${'*'.repeat(chars.length - 1)}`;
};

/** 13812345678 → 138****5678; other numbers keep their first three and last two digits. */
export const maskPhone = (phone: string): string => {
  if (/^1\d{10}$/.test(phone)) return `${phone.slice(0, 3)}****${phone.slice(7)}`;
  if (phone.length <= 5) return '*'.repeat(phone.length);
  return `${phone.slice(0, 3)}${'*'.repeat(phone.length - 5)}${phone.slice(-2)}`;
};

/** 18-digit resident ID → first 3 and last 2 kept. */
export const maskIdNumber = (id: string): string =>
  id.length <= 5 ? '*'.repeat(id.length) : `${id.slice(0, 3)}${'*'.repeat(id.length - 5)}${id.slice(-2)}`;

const NAME_KEYS = new Set(['legalRepresentative', 'contactName']);
const PHONE_KEYS = new Set(['contactPhone']);
const ID_KEYS = new Set(['idNumber']);

/** A copy of a stored value with every personal field masked, however deeply it sits. */
export const maskPersonal = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(maskPersonal);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => {
      if (typeof v === 'string' && NAME_KEYS.has(key)) return [key, maskName(v)];
      if (typeof v === 'string' && PHONE_KEYS.has(key)) return [key, maskPhone(v)];
      if (typeof v === 'string' && ID_KEYS.has(key)) return [key, maskIdNumber(v)];
      return [key, maskPersonal(v)];
    }),
  );
};
