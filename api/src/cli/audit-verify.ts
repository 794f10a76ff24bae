// Checks the audit chain of the configured database (DB_URL, or the SQLite file under DATA_DIR),
// as GET /api/v1/audit/verify does:
//   npm run --silent audit:verify
// Exit 0: intact (the last entry's hash is printed: noting it elsewhere shows a later truncation).
// Exit 1: broken, naming the first entry that does not hold. Exit 2: the check could not run.
import { ConfigError, loadConfig } from '../config/config.js';
import { openDatabase } from '../database/data-source.js';
import { AuditChain } from '../modules/audit/audit-chain.js';

const main = async (): Promise<number> => {
  const dataSource = await openDatabase(loadConfig().database);
  try {
    const verification = await new AuditChain(dataSource).verify();
    console.log(verification.message);
    return verification.intact ? 0 : 1;
  } finally {
    await dataSource.destroy();
  }
};

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exitCode = 2;
  },
);
