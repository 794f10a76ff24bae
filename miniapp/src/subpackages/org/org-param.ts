/** A page's `orgId=` query parameter: a positive integer in decimal digits, or null. */
export const orgIdParam = (value: string | undefined): number | null => {
  if (value === undefined || !/^[1-9]\d{0,15}$/.test(value)) return null;
  const id = Number(value);
  return Number.isSafeInteger(id) ? id : null;
};
