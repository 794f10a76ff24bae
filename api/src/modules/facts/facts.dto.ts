import { IsIn, IsObject, IsOptional } from 'class-validator';
import { type Provenance } from './fact.entity.js';

export class PutFactsDto {
  /** Facts in the contract's names; null clears one. Checked by the shared contract validator. */
  @IsObject({ message: '必须是对象，例如 { "onlineRetailFen": 12000000000 }' })
  facts!: Record<string, unknown>;

  /** Applicants declare facts or take them from a document; only reviewers verify. */
  @IsOptional()
  @IsIn(['self-declared', 'document'], { message: '只能是 self-declared（自行填报）或 document（来自材料）' })
  provenance?: Extract<Provenance, 'self-declared' | 'document'>;
}
