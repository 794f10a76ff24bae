import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { CurrentUser } from '../../common/auth.js';
import { IdPipe } from '../../common/id.pipe.js';
import { type Principal } from '../../common/tokens.js';
import { CreateApplicationDto, UpdateApplicationDto } from './applications.dto.js';
import { type ApplicationView, ApplicationsService } from './applications.service.js';

@Controller('v1')
export class ApplicationsController {
  constructor(private readonly applications: ApplicationsService) {}

  @Post('orgs/:orgId/applications')
  create(
    @CurrentUser() user: Principal,
    @Param('orgId', IdPipe) orgId: number,
    @Body() body: CreateApplicationDto,
  ): Promise<ApplicationView> {
    return this.applications.create(user, orgId, body.programId, body.claimYear);
  }

  @Get('orgs/:orgId/applications')
  async list(
    @CurrentUser() user: Principal,
    @Param('orgId', IdPipe) orgId: number,
  ): Promise<{ applications: ApplicationView[] }> {
    return { applications: await this.applications.list(user, orgId) };
  }

  @Get('applications/:id')
  get(@CurrentUser() user: Principal, @Param('id', IdPipe) id: number): Promise<ApplicationView> {
    return this.applications.get(user, id);
  }

  @Patch('applications/:id')
  update(
    @CurrentUser() user: Principal,
    @Param('id', IdPipe) id: number,
    @Body() body: UpdateApplicationDto,
  ): Promise<ApplicationView> {
    return this.applications.update(user, id, body);
  }

  @Post('applications/:id/submit')
  @HttpCode(200)
  submit(@CurrentUser() user: Principal, @Param('id', IdPipe) id: number): Promise<ApplicationView> {
    return this.applications.submit(user, id);
  }

  @Post('applications/:id/withdraw')
  @HttpCode(200)
  withdraw(@CurrentUser() user: Principal, @Param('id', IdPipe) id: number): Promise<ApplicationView> {
    return this.applications.withdraw(user, id);
  }
}
