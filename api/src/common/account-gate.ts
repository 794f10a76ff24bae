/**
 * Whether the account an access token names may still act. Access tokens are signed and
 * stateless, so a token issued before an administrator disabled its staff account would otherwise
 * work until it expires; the guard asks this for every staff token instead (one primary-key read).
 * The auth module, which owns the accounts, implements it.
 */
export abstract class AccountGate {
  abstract isDisabled(userId: number): Promise<boolean>;
}
