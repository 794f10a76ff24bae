import { type Edition } from '@huiqi/shared';

export declare const GENEROUS_LIMITS: Record<string, string>;
export declare const TEST_NOW_ISO: string;
export declare const testEnv: (options: {
  dbUrl: string;
  dataDir: string;
  wechatUrl: string;
}) => Record<string, string>;
export declare const demoEdition: (base: Edition, year: number) => Edition;
export declare const sharedApiVariable: (engine: 'sqlite' | 'mariadb') => string;
