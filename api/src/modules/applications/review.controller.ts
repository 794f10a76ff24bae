import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { type ApplicationView, type BatchApproveResult, type ReviewQueue, type ReviewView } from '@huiqi/shared';
import { CurrentUser } from '../../common/auth.js';
import { Operation } from '../../common/contract.js';
import { IdPipe } from '../../common/id.pipe.js';
import { type Principal } from '../../common/tokens.js';
import { ApplicationsService } from './applications.service.js';
import {
  ApproveDto,
  BatchApproveDto,
  PaymentDto,
  RejectDto,
  ReturnDto,
  ReviewQueueDto,
  VerifyDto,
} from './review.dto.js';
import { ReviewService } from './review.service.js';

/** Review: the reviewers' side of an application, stage by stage, and the applicant's resubmission. */
@Controller('v1')
export class ReviewController {
  constructor(
    private readonly review: ReviewService,
    private readonly applications: ApplicationsService,
  ) {}

  @Operation('getReview')
  @Get('applications/:id/review')
  get(@CurrentUser() user: Principal, @Param('id', IdPipe) id: number): Promise<ReviewView> {
    return this.review.get(user, id);
  }

  @Operation('verifyApplication')
  @Put('applications/:id/verification')
  verify(
    @CurrentUser() user: Principal,
    @Param('id', IdPipe) id: number,
    @Body() body: VerifyDto,
  ): Promise<ReviewView> {
    return this.review.verify(user, id, body);
  }

  @Operation('approveApplication')
  @Post('applications/:id/approve')
  @HttpCode(200)
  approve(
    @CurrentUser() user: Principal,
    @Param('id', IdPipe) id: number,
    @Body() body: ApproveDto,
  ): Promise<ReviewView> {
    return this.review.approve(user, id, body);
  }

  @Operation('returnApplication')
  @Post('applications/:id/return')
  @HttpCode(200)
  returnForSupplement(
    @CurrentUser() user: Principal,
    @Param('id', IdPipe) id: number,
    @Body() body: ReturnDto,
  ): Promise<ReviewView> {
    return this.review.returnForSupplement(user, id, body);
  }

  @Operation('rejectApplication')
  @Post('applications/:id/reject')
  @HttpCode(200)
  reject(
    @CurrentUser() user: Principal,
    @Param('id', IdPipe) id: number,
    @Body() body: RejectDto,
  ): Promise<ReviewView> {
    return this.review.reject(user, id, body);
  }

  @Operation('recordPayment')
  @Post('applications/:id/payment')
  @HttpCode(200)
  pay(@CurrentUser() user: Principal, @Param('id', IdPipe) id: number, @Body() body: PaymentDto): Promise<ReviewView> {
    return this.review.pay(user, id, body);
  }

  @Operation('closeApplication')
  @Post('applications/:id/close')
  @HttpCode(200)
  close(@CurrentUser() user: Principal, @Param('id', IdPipe) id: number): Promise<ReviewView> {
    return this.review.close(user, id);
  }

  @Operation('resubmitApplication')
  @Post('applications/:id/resubmit')
  @HttpCode(200)
  resubmit(@CurrentUser() user: Principal, @Param('id', IdPipe) id: number): Promise<ApplicationView> {
    return this.applications.resubmit(user, id);
  }

  @Operation('listReviewQueue')
  @Get('review/queue')
  queue(@CurrentUser() user: Principal, @Query() query: ReviewQueueDto): Promise<ReviewQueue> {
    return this.review.queue(user, query);
  }

  @Operation('batchApprove')
  @Post('review/batch-approve')
  @HttpCode(200)
  batch(@CurrentUser() user: Principal, @Body() body: BatchApproveDto): Promise<BatchApproveResult> {
    return this.review.batchApprove(user, body.applicationIds);
  }
}
