import { Injectable } from '@nestjs/common';
import {
  type ApproveRequest,
  type BatchApproveResult,
  type PaymentRequest,
  type RejectRequest,
  type ReturnRequest,
  type ReviewQueue,
  type ReviewQueueQuery,
  type ReviewView,
  type VerifyRequest,
} from '@huiqi/shared';
import { type Principal } from '../../common/tokens.js';

const unbuilt = (): never => {
  throw new Error('review is being built (issue 10)');
};

/** The reviewers' work on an application, stage by stage (issue 10: being built). */
@Injectable()
export class ReviewService {
  get(_p: Principal, _id: number): Promise<ReviewView> {
    return unbuilt();
  }
  verify(_p: Principal, _id: number, _body: VerifyRequest): Promise<ReviewView> {
    return unbuilt();
  }
  approve(_p: Principal, _id: number, _body: ApproveRequest): Promise<ReviewView> {
    return unbuilt();
  }
  returnForSupplement(_p: Principal, _id: number, _body: ReturnRequest): Promise<ReviewView> {
    return unbuilt();
  }
  reject(_p: Principal, _id: number, _body: RejectRequest): Promise<ReviewView> {
    return unbuilt();
  }
  pay(_p: Principal, _id: number, _body: PaymentRequest): Promise<ReviewView> {
    return unbuilt();
  }
  close(_p: Principal, _id: number): Promise<ReviewView> {
    return unbuilt();
  }
  queue(_p: Principal, _query: ReviewQueueQuery): Promise<ReviewQueue> {
    return unbuilt();
  }
  batchApprove(_p: Principal, _ids: number[]): Promise<BatchApproveResult> {
    return unbuilt();
  }
}
