import { Injectable } from '@nestjs/common';
import {
  commendations,
  type CommendationsResponse,
  evaluate,
  evaluateValidated,
  type EvaluationResponse,
} from '@huiqi/shared';
import { type Principal } from '../../common/tokens.js';
import { EditionsService } from '../editions/editions.service.js';
import { FactsService } from '../facts/facts.service.js';
import { AccessService } from '../access/access.service.js';

/** The shared rules over the published editions: the API answers exactly what the command line does. */
@Injectable()
export class EligibilityService {
  constructor(
    private readonly editions: EditionsService,
    private readonly facts: FactsService,
    private readonly access: AccessService,
  ) {}

  async evaluate(request: unknown): Promise<EvaluationResponse> {
    return evaluate(request, { editions: await this.editions.publishedEditions() });
  }

  async commendations(request: unknown): Promise<CommendationsResponse> {
    return commendations(request, { editions: await this.editions.publishedEditions() });
  }

  async forOrg(principal: Principal, orgId: number, claimYear: number): Promise<EvaluationResponse> {
    await this.access.requireAccess(principal, 'org.read', { kind: 'org', orgId });
    const { facts } = await this.facts.factsOf(orgId, claimYear);
    await this.editions.forYear(claimYear);
    return evaluateValidated({ claimYear, facts }, { editions: await this.editions.publishedEditions() });
  }
}
