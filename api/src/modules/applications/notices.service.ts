import { Injectable } from '@nestjs/common';
import {
  type ObjectionRequest,
  type ObjectionRulingRequest,
  type ObjectionView,
  type PublicNoticeList,
  type PublicNoticeQuery,
} from '@huiqi/shared';
import { type Principal } from '../../common/tokens.js';

const unbuilt = (): never => {
  throw new Error('notices are being built (issue 10)');
};

/** Public notice (公示), its timer, and objections (issue 10: being built). */
@Injectable()
export class NoticesService {
  list(_query: PublicNoticeQuery): Promise<PublicNoticeList> {
    return unbuilt();
  }
  file(_p: Principal, _id: number, _body: ObjectionRequest): Promise<ObjectionView> {
    return unbuilt();
  }
  rule(_p: Principal, _id: number, _body: ObjectionRulingRequest): Promise<ObjectionView> {
    return unbuilt();
  }
}
