import { type CreateDraftRequest, type UpdateDraftRequest } from '@huiqi/shared';
import { IsObject, IsString, Matches } from 'class-validator';

export class CreateDraftDto implements CreateDraftRequest {
  /** The new edition's id, e.g. 2027 or 2027-revised. */
  @IsString({ message: '请填写新版本编号' })
  @Matches(/^[a-z0-9-]{1,32}$/, { message: '只能包含小写字母、数字和连字符，最多32位' })
  id!: string;
}

export class UpdateDraftDto implements UpdateDraftRequest {
  /**
   * A JSON merge patch (RFC 7386) over the draft's document: objects merge, anything else
   * replaces, null removes. The result is validated by the shared edition schema.
   */
  @IsObject({ message: '必须是对象，例如 { "claimYear": 2027 }' })
  document!: Record<string, unknown>;
}
