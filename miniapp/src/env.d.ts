/// <reference types="@tarojs/taro" />

declare module '*.scss';
declare module '*.css';

/** The API's origin (empty: the H5 page's own origin). Set by config/index.ts. */
declare const API_BASE: string;

declare namespace NodeJS {
  interface ProcessEnv {
    TARO_ENV: 'weapp' | 'h5';
  }
}
