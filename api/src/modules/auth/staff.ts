import { COUNTIES } from '@huiqi/shared';
import { type DataSource, type EntityManager } from 'typeorm';
import { FixedClock } from '../../common/clock.js';
import { AppError } from '../../common/errors.js';
import { Transactions } from '../../database/transactions.js';
import { type Actor, ChangeRecorder, type Outcome } from '../audit/change-recorder.js';
import { hashPassword, passwordProblem } from './passwords.js';
import { isStaffRole, type Role, STAFF_ROLES } from '../../common/roles.js';
import { UserEntity } from './user.entity.js';

export interface StaffInput {
  username: string;
  password: string;
  role: Role;
  county?: string;
  displayName?: string;
}

/** Checks a new staff account: every problem at once, each naming its option. */
export const staffProblems = (input: StaffInput): { field: string; message: string }[] => {
  const problems: { field: string; message: string }[] = [];
  if (!/^[a-z][a-z0-9_.-]{2,31}$/.test(input.username))
    problems.push({ field: 'username', message: '用户名需3到32位，以小写字母开头，只含小写字母、数字和 _ . -' });
  if (!isStaffRole(input.role))
    problems.push({ field: 'role', message: `工作人员角色只能是 ${STAFF_ROLES.join('、')}` });
  if (input.role === 'county-reviewer' && !COUNTIES.some((c) => c.id === input.county))
    problems.push({ field: 'county', message: '县级审核员需指定所在县（市、区），如 linqing' });
  if (input.role !== 'county-reviewer' && input.county)
    problems.push({ field: 'county', message: '只有县级审核员需要指定县（市、区）' });
  const weak = passwordProblem(input.password);
  if (weak) problems.push({ field: 'password', message: weak });
  return problems;
};

/**
 * The work of creating a staff account, for the one change path: refused when the username is
 * taken, else the account with its audit entry and event. The command line and the API's
 * administrators both create accounts through it, after `staffProblems` found none.
 */
export const staffCreation =
  (input: StaffInput, passwordHash: string) =>
  async (m: EntityManager): Promise<Outcome<'user.staff-created', UserEntity>> => {
    const users = m.getRepository(UserEntity);
    if (await users.existsBy({ username: input.username })) throw usernameTaken(input.username);
    const user = await users.save(
      users.create({
        kind: 'staff',
        username: input.username,
        passwordHash,
        role: input.role,
        county: input.role === 'county-reviewer' ? (input.county ?? null) : null,
        displayName: input.displayName ?? input.username,
      }),
    );
    return {
      result: user,
      change: {
        subject: { entity: 'user', id: user.id, orgId: null },
        // Never the password or its hash: the audit log is read by people.
        after: { username: user.username, displayName: user.displayName, role: user.role, county: user.county },
        event: { userId: user.id, role: user.role, county: user.county },
      },
    };
  };

export const usernameTaken = (username: string): AppError =>
  new AppError('CONFLICT', `用户名 ${username} 已被使用，请换一个`, [
    { field: 'username', message: `用户名 ${username} 已被使用，请换一个` },
  ]);

/** Refuses a new staff account's problems, every one at once (staffProblems). */
export const requireValidStaff = (input: StaffInput): void => {
  const problems = staffProblems(input);
  if (problems.length > 0)
    throw new AppError('INVALID_REQUEST', `工作人员信息有误：${problems.map((p) => p.field).join('、')}`, problems);
};

/**
 * Creates a staff account with a scrypt-hashed password, through the one change path (the
 * account, its audit entry and its outbox event in one transaction). The command line has no
 * Nest application, so it makes its own recorder over the database.
 */
export const createStaff = (dataSource: DataSource, input: StaffInput, now: Date): Promise<UserEntity> =>
  recordStaffCreation(new ChangeRecorder(new Transactions(dataSource), new FixedClock(now)), dataSource, 'cli', input);

/**
 * Creates a staff account, for the command line and the administrators' API alike: every problem
 * refused at once, the password hashed, the account written through the one change path. Two
 * creations of one username at once: the unique index decides, the loser is told the name is taken.
 */
export const recordStaffCreation = async (
  changes: ChangeRecorder,
  dataSource: DataSource,
  actor: Actor,
  input: StaffInput,
): Promise<UserEntity> => {
  requireValidStaff(input);
  const passwordHash = await hashPassword(input.password);
  try {
    return await changes.recordChange(actor, 'user.staff-created', staffCreation(input, passwordHash));
  } catch (error) {
    if (await dataSource.getRepository(UserEntity).existsBy({ username: input.username }))
      throw usernameTaken(input.username);
    throw error;
  }
};
