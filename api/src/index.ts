// The API package starts as the wiring to the shared rules; the API issue fills it with
// the NestJS service. Compiling this file proves the workspace link and project reference.
export { commendations, evaluate, PolicyError } from '@huiqi/shared';
