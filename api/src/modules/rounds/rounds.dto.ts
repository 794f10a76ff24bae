import { type CreateRoundRequest, type RoundQuery } from '@huiqi/shared';

export class RoundQueryDto implements RoundQuery {
  year?: number;
  open?: 'true' | 'false';
}

export class CreateRoundDto implements CreateRoundRequest {
  claimYear!: number;
  title!: string;
  opens!: string;
  closes!: string;
  programs!: CreateRoundRequest['programs'];
  pools!: CreateRoundRequest['pools'];
}
