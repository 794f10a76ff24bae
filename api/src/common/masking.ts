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
