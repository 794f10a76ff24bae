/**
 * A deep copy of data already validated as JSON (editions, materials). Not structuredClone:
 * WeChat's JavaScript engine has none (nor has jsdom), and the mini-program runs these rules.
 */
export const cloneJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
