// The review routes' bodies and queries. Each helper-owned DTO implements its contract type;
// its class-validator rules are written with the route's service.
import {
  type ApproveRequest,
  type BatchApproveRequest,
  type ObjectionRequest,
  type ObjectionRulingRequest,
  type PaymentRequest,
  type PoolExportQuery,
  type PublicNoticeQuery,
  type RejectRequest,
  type ReturnRequest,
  type ReviewQueueQuery,
  type VerifyRequest,
} from '@huiqi/shared';
import { IsIn } from 'class-validator';

export class VerifyDto implements VerifyRequest {
  conditions!: VerifyRequest['conditions'];
}
export class ApproveDto implements ApproveRequest {
  awardFen?: number;
  reason?: string;
}
export class ReturnDto implements ReturnRequest {
  items!: ReturnRequest['items'];
  deadline?: string;
}
export class RejectDto implements RejectRequest {
  reason!: string;
}
export class PaymentDto implements PaymentRequest {
  voucherNo!: string;
  paidOn!: string;
}
export class ReviewQueueDto implements ReviewQueueQuery {
  stage?: ReviewQueueQuery['stage'];
  county?: ReviewQueueQuery['county'];
  program?: ReviewQueueQuery['program'];
  roundId?: number;
  overdue?: 'true' | 'false';
  page?: number;
}
export class BatchApproveDto implements BatchApproveRequest {
  applicationIds!: number[];
}
export class ObjectionDto implements ObjectionRequest {
  name!: string;
  phone!: string;
  reason!: string;
  evidence!: string;
}
export class ObjectionRulingDto implements ObjectionRulingRequest {
  outcome!: 'upheld' | 'dismissed';
  reason!: string;
}
export class PublicNoticeQueryDto implements PublicNoticeQuery {
  year?: number;
  program?: PublicNoticeQuery['program'];
}
export class PoolExportDto implements PoolExportQuery {
  @IsIn(['xlsx', 'csv'], { message: '导出格式只能是 xlsx（Excel）或 csv' })
  format!: 'xlsx' | 'csv';
}
