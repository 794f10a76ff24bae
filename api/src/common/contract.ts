import { type OperationId, OPERATIONS, type ResponseOf } from '@huiqi/shared';
import { ApiOperation } from '@nestjs/swagger';

/** What a route's handler returns: the operation's response, or nothing for 204 or a file it sends itself. */
export type HandlerResult<K extends OperationId> = (typeof OPERATIONS)[K] extends { response: 'file' } | { status: 204 }
  ? Promise<void>
  : Promise<ResponseOf<K>>;

/**
 * Names the contract operation a route implements (`@Operation('createOrg')`): its id in the
 * OpenAPI document, where the document takes the operation's schemas from the shared types. A
 * handler that does not resolve to the operation's response type does not compile; the document
 * refuses to build when the route's method or path is not the one the shared route table says.
 */
export const Operation =
  <K extends OperationId>(id: K) =>
  <H extends (...args: never[]) => HandlerResult<K>>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<H>,
  ): void => {
    ApiOperation({ operationId: id, summary: OPERATIONS[id].summary })(target, key, descriptor);
  };
