// The mini-program package starts as the wiring to the shared rules; the mini-program issue
// fills it with the Taro app, which previews eligibility with the same `evaluate`.
export { evaluate, formatFen } from '@huiqi/shared';
