import { type DynamicModule, Module } from '@nestjs/common';
import { EditionsModule } from '../editions/editions.module.js';
import { OrgsModule } from '../orgs/orgs.module.js';
import { FilesController } from './files.controller.js';
import { FilesService } from './files.service.js';
import { MaterialsService } from './materials.service.js';
import { ReviewAccess } from './review-access.js';
import { FILE_STORAGE, type FileStorage } from './storage.js';
import { FileSweeper, UploadsInFlight } from './sweep.js';

@Module({})
export class FilesModule {
  static register(storage: FileStorage): DynamicModule {
    return {
      module: FilesModule,
      global: true,
      imports: [OrgsModule, EditionsModule],
      controllers: [FilesController],
      providers: [
        { provide: FILE_STORAGE, useValue: storage },
        FilesService,
        MaterialsService,
        ReviewAccess,
        UploadsInFlight,
        FileSweeper,
      ],
      exports: [MaterialsService, ReviewAccess],
    };
  }
}
