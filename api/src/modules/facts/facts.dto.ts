import { type PutFactsRequest } from '@huiqi/shared';
import { IsIn, IsObject, IsOptional } from 'class-validator';

export class PutFactsDto implements PutFactsRequest {
  /**
   * Facts in the contract's names; null clears one. Only its being an object is checked here:
   * the service hands it to the shared contract validator (parseFacts), which names every field.
   */
  @IsObject({ message: '必须是对象，例如 { "onlineRetailFen": 12000000000 }' })
  facts!: PutFactsRequest['facts'];

  /** Applicants declare facts or take them from a document; only reviewers verify. */
  @IsOptional()
  @IsIn(['self-declared', 'document'], { message: '只能是 self-declared（自行填报）或 document（来自材料）' })
  provenance?: PutFactsRequest['provenance'];
}
