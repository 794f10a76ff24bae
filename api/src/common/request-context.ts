import { AsyncLocalStorage } from 'node:async_hooks';

/** What the current request carries into services that need it (the audit log's request id). */
export interface RequestContext {
  requestId: string;
}

export const requestContext = new AsyncLocalStorage<RequestContext>();

export const currentRequestId = (): string | null => requestContext.getStore()?.requestId ?? null;
