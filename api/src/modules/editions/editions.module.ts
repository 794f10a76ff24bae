import { Module } from '@nestjs/common';
import { EditionsController } from './editions.controller.js';
import { EditionsAdminService } from './editions-admin.service.js';
import { EditionsService } from './editions.service.js';

@Module({
  controllers: [EditionsController],
  providers: [EditionsService, EditionsAdminService],
  exports: [EditionsService],
})
export class EditionsModule {}
