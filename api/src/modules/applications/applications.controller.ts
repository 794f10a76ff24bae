import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { type ApplicationHistory, type ApplicationList, type ApplicationView } from '@huiqi/shared';
import { CurrentUser } from '../../common/auth.js';
import { Operation } from '../../common/contract.js';
import { IdPipe } from '../../common/id.pipe.js';
import { type Principal } from '../../common/tokens.js';
import { ApplicationHistoryService } from './application-history.js';
import { CreateApplicationDto, UpdateApplicationDto } from './applications.dto.js';
import { ApplicationsService } from './applications.service.js';

@Controller('v1')
export class ApplicationsController {
  constructor(
    private readonly applications: ApplicationsService,
    private readonly histories: ApplicationHistoryService,
  ) {}

  @Operation('createApplication')
  @Post('orgs/:orgId/applications')
  create(
    @CurrentUser() user: Principal,
    @Param('orgId', IdPipe) orgId: number,
    @Body() body: CreateApplicationDto,
  ): Promise<ApplicationView> {
    return this.applications.create(user, orgId, body.programId, body.claimYear);
  }

  @Operation('listApplications')
  @Get('orgs/:orgId/applications')
  async list(@CurrentUser() user: Principal, @Param('orgId', IdPipe) orgId: number): Promise<ApplicationList> {
    return { applications: await this.applications.list(user, orgId) };
  }

  @Operation('getApplication')
  @Get('applications/:id')
  get(@CurrentUser() user: Principal, @Param('id', IdPipe) id: number): Promise<ApplicationView> {
    return this.applications.get(user, id);
  }

  @Operation('updateApplication')
  @Patch('applications/:id')
  update(
    @CurrentUser() user: Principal,
    @Param('id', IdPipe) id: number,
    @Body() body: UpdateApplicationDto,
  ): Promise<ApplicationView> {
    return this.applications.update(user, id, body);
  }

  @Operation('submitApplication')
  @Post('applications/:id/submit')
  @HttpCode(200)
  submit(@CurrentUser() user: Principal, @Param('id', IdPipe) id: number): Promise<ApplicationView> {
    return this.applications.submit(user, id);
  }

  @Operation('withdrawApplication')
  @Post('applications/:id/withdraw')
  @HttpCode(200)
  withdraw(@CurrentUser() user: Principal, @Param('id', IdPipe) id: number): Promise<ApplicationView> {
    return this.applications.withdraw(user, id);
  }

  @Operation('getApplicationHistory')
  @Get('applications/:id/history')
  history(@CurrentUser() user: Principal, @Param('id', IdPipe) id: number): Promise<ApplicationHistory> {
    return this.histories.history(user, id);
  }
}
