import { randomBytes } from 'node:crypto';
import { type Connected, connect, firmsOf } from './connect.js';
import { type Engine } from './databases.js';
import { sharedApiVariable } from './test-env.mjs';

export { type Reply, refusalOf, TEST_NOW } from './connect.js';

/**
 * The run's API on an engine, booted once by global-setup.mjs: for suites that need no
 * configuration, clock or insides of their own. Other suites run on it too, so a suite keeps to
 * data of its own: its firms (`firm`, `testUscc` below: organisation codes drawn for this suite)
 * and its users (`login` puts this suite's prefix before every openid). It asserts nothing about
 * the API as a whole (counts of every firm, every audit entry). Demo editions for 2026 and 2027
 * are published, their windows open all year; the clock stays at TEST_NOW.
 */
export const sharedApi = async (engine: Engine): Promise<Connected> => {
  const url = process.env[sharedApiVariable(engine)];
  if (!url) throw new Error(`no shared API for ${engine}: jest's globalSetup (support/global-setup.mjs) did not run`);
  const api = await connect(engine, url);
  return {
    ...api,
    login: (role = 'applicant', openid?: string, county?: string) =>
      api.login(role, `${SUITE}-${openid ?? role}${county ? `-${county}` : ''}`, county),
  };
};

// Characters a USCC's organisation code may hold (no I, O, S, V, Z).
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const drawn = [...randomBytes(5)].map((b) => ALPHABET[b % ALPHABET.length]).join('');

/** This suite's prefix: a suite's module registry is its own, so each suite draws one. */
const SUITE = `s${drawn.toLowerCase()}`;

export const { testUscc, firm } = firmsOf(`MA${drawn}`);
