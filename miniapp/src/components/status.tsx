import { Text } from '@tarojs/components';
import { type ApplicationStatus, type ConditionStatus, type ProgramStatus } from '@huiqi/shared';
import './status.scss';

type Tone = 'good' | 'bad' | 'open' | 'review';

// Colour is never the only signal: each status has a sign and a word as well.
const PROGRAM: Record<ProgramStatus, { tone: Tone; sign: string; word: string }> = {
  eligible: { tone: 'good', sign: '✓', word: '符合条件' },
  ineligible: { tone: 'bad', sign: '✕', word: '暂不符合' },
  undetermined: { tone: 'open', sign: '?', word: '待补充信息' },
};

const CONDITION: Record<ConditionStatus, { tone: Tone; sign: string; word: string }> = {
  met: { tone: 'good', sign: '✓', word: '已满足' },
  unmet: { tone: 'bad', sign: '✕', word: '未满足' },
  unknown: { tone: 'open', sign: '?', word: '待填写' },
  review: { tone: 'review', sign: '!', word: '需人工审核' },
};

const APPLICATION: Record<ApplicationStatus, { tone: Tone; sign: string; word: string }> = {
  draft: { tone: 'open', sign: '✎', word: '草稿' },
  submitted: { tone: 'review', sign: '↑', word: '待初审' },
  'city-review': { tone: 'review', sign: '↑', word: '待复审' },
  allocation: { tone: 'review', sign: '↑', word: '待资金分配' },
  'finance-review': { tone: 'review', sign: '↑', word: '待财政审核' },
  notice: { tone: 'review', sign: '!', word: '公示中' },
  approved: { tone: 'good', sign: '✓', word: '已核定' },
  paid: { tone: 'good', sign: '✓', word: '已拨付' },
  closed: { tone: 'good', sign: '✓', word: '已办结' },
  returned: { tone: 'bad', sign: '!', word: '退回补正' },
  rejected: { tone: 'bad', sign: '✕', word: '未通过' },
  withdrawn: { tone: 'bad', sign: '↩', word: '已撤回' },
};

/** A material slot as the applicant sees it; `missing`: nothing in it yet. */
export type SlotState = 'missing' | 'attached' | 'accepted' | 'rejected';

const SLOT: Record<SlotState, { tone: Tone; sign: string; word: string }> = {
  missing: { tone: 'open', sign: '○', word: '未上传' },
  attached: { tone: 'review', sign: '✓', word: '已上传' },
  accepted: { tone: 'good', sign: '✓', word: '审核通过' },
  rejected: { tone: 'bad', sign: '✕', word: '已退回' },
};

const Badge = ({ tone, sign, word }: { tone: Tone; sign: string; word: string }) => (
  <Text className={`status status--${tone}`}>
    <Text className="status__sign" aria-hidden>
      {sign}
    </Text>
    {word}
  </Text>
);

export const ProgramStatusBadge = ({ status }: { status: ProgramStatus }) => <Badge {...PROGRAM[status]} />;

export const ConditionStatusBadge = ({ status }: { status: ConditionStatus }) => <Badge {...CONDITION[status]} />;

export const ApplicationStatusBadge = ({ status }: { status: ApplicationStatus }) => <Badge {...APPLICATION[status]} />;

export const SlotStatusBadge = ({ state }: { state: SlotState }) => <Badge {...SLOT[state]} />;
