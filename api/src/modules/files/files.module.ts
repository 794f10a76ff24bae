import { type DynamicModule, Module, type Type } from '@nestjs/common';
import { AccessModule } from '../access/access.module.js';
import { AuditModule } from '../audit/audit.module.js';
import { FileUses } from './file-uses.js';
import { FilesController } from './files.controller.js';
import { FilesService } from './files.service.js';
import { FILE_STORAGE, type FileStorage } from './storage.js';
import { FileSweeper, UploadsInFlight } from './sweep.js';

/**
 * The file library: uploads, storage, sweeps and downloads. Where files are used is the
 * workflow's business, given as `uses` (see file-uses.ts); the module that needs FilesService
 * imports this same registered module, so there is one instance and nothing is global.
 */
@Module({})
export class FilesModule {
  static register(storage: FileStorage, uses: Type<FileUses>): DynamicModule {
    return {
      module: FilesModule,
      imports: [AccessModule, AuditModule],
      controllers: [FilesController],
      providers: [
        { provide: FILE_STORAGE, useValue: storage },
        { provide: FileUses, useClass: uses },
        FilesService,
        UploadsInFlight,
        FileSweeper,
      ],
      exports: [FilesService],
    };
  }
}
