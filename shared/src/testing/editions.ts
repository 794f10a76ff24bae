/* eslint-disable @typescript-eslint/no-explicit-any -- mutating an untyped copy of an edition document */
import { type FieldError, PolicyError } from '../contracts/errors';
import edition2023 from '../editions/data/edition-2023.json';
import { loadEdition } from '../editions/load';

/**
 * Loads a changed copy of edition 2023 and returns what the loader refused, field by field;
 * fails the test if the edition was accepted.
 */
export const editionRefusal = (mutate: (edition: Record<string, any>) => void): FieldError[] => {
  const copy = structuredClone(edition2023) as unknown as Record<string, any>;
  mutate(copy);
  try {
    loadEdition(copy);
  } catch (err) {
    if (err instanceof PolicyError && err.code === 'INVALID_EDITION') return err.details;
    throw err;
  }
  throw new Error('edition was accepted');
};
