import { Module } from '@nestjs/common';
import { OrgsModule } from '../orgs/orgs.module.js';
import { FactsController } from './facts.controller.js';
import { FactsService } from './facts.service.js';

@Module({ imports: [OrgsModule], controllers: [FactsController], providers: [FactsService], exports: [FactsService] })
export class FactsModule {}
