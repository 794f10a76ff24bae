const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** RFC 7386 JSON Merge Patch: objects merge key by key, null deletes, anything else replaces. */
export const mergePatch = (target: unknown, patch: unknown): unknown => {
  if (!isPlainObject(patch)) return patch;
  const base = isPlainObject(target) ? target : {};
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) if (value !== null) merged[key] = mergePatch(base[key], value);
  return Object.fromEntries(Object.entries(merged).filter(([key]) => patch[key] !== null));
};
