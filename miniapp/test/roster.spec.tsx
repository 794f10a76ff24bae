import { afterEach, describe, expect, it } from '@jest/globals';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { type HireRoster, type HireRowView, residentIdCheckCharacter, usccCheckCharacter } from '@huiqi/shared';
import { RosterBoard } from '../src/subpackages/roster/index/board';
import { EMPTY_HIRE, EMPTY_STREAMER, validateHire, validateStreamer } from '../src/roster/form';
import { useScriptedApi } from './support/scripted-api';

// 人才名册 (第九条): the forms' checks, and the roster page against a real HTTP server on a loopback port.

const { requests, answer, client } = useScriptedApi();
afterEach(cleanup);

const WAIT = { timeout: 5000 };
const TODAY = '2026-06-15';
const body17 = '37150219950102001';
const ID = body17 + (residentIdCheckCharacter(body17) ?? '');
const INSTITUTION = `91371500MA3TEXT01${usccCheckCharacter('91371500MA3TEXT01') ?? ''}`;

const row = (overrides: Partial<HireRowView> = {}): HireRowView => ({
  id: 9,
  name: '张小明',
  residentId: '371***********0016',
  trainingKind: 'whitelisted-institution',
  institutionUscc: INSTITUTION,
  collegeName: null,
  hireDate: '2026-03-01',
  socialInsuranceMonths: 5,
  counts: false,
  checks: [
    { id: 'hired-in-year', ok: true, text: '2026年3月1日入职，属2026年度吸纳就业' },
    { id: 'trained', ok: true, text: '经2026年度电商生态链企业“白名单”培训机构培训' },
    { id: 'social-insurance', ok: false, text: '连续缴纳社会保险5个月，不足6个月' },
  ],
  ...overrides,
});

const roster = (rows: HireRowView[]): HireRoster => ({
  orgId: 3,
  claimYear: 2026,
  factName: 'trainedHireCount',
  count: rows.filter((r) => r.counts).length,
  clause: '第九条：……',
  rows,
});

describe('the roster forms', () => {
  it('checks the resident ID number, dates, the training field and months before sending', () => {
    const bad = validateHire(
      {
        ...EMPTY_HIRE,
        name: '张小明',
        residentId: ID.slice(0, 17) + (ID.endsWith('0') ? '1' : '0'),
        hireDate: '2026-07-01',
        socialInsuranceMonths: 'six',
      },
      false,
      TODAY,
    );
    expect(bad.request).toBeNull();
    expect(bad.errors).toEqual({
      residentId: '身份证号码校验位不正确，请核对',
      hireDate: '入职日期不能晚于今天',
      institutionUscc: '统一社会信用代码应为18位，请核对营业执照',
      socialInsuranceMonths: '社保月数请填写0到600之间的整数（月）',
    });
    const ok = validateHire(
      {
        ...EMPTY_HIRE,
        name: '张小明',
        residentId: ` ${ID.toLowerCase()} `,
        institutionUscc: INSTITUTION,
        hireDate: '2026-03-01',
        socialInsuranceMonths: '6',
      },
      false,
      TODAY,
    );
    expect(ok.request).toEqual({
      name: '张小明',
      residentId: ID,
      trainingKind: 'whitelisted-institution',
      institutionUscc: INSTITUTION,
      hireDate: '2026-03-01',
      socialInsuranceMonths: 6,
    });
    // Editing: an empty ID keeps the stored one (nothing sent for it).
    const edit = validateHire(
      {
        ...EMPTY_HIRE,
        name: '张小明',
        trainingKind: 'college',
        collegeName: '聊城大学',
        hireDate: '2026-03-01',
        socialInsuranceMonths: '7',
      },
      true,
      TODAY,
    );
    expect(edit.request).not.toHaveProperty('residentId');
    expect(edit.request).toMatchObject({ collegeName: '聊城大学' });
    const streamer = validateStreamer({ ...EMPTY_STREAMER, name: '李主播', residentId: '12345' }, false, TODAY);
    expect(Object.keys(streamer.errors).sort()).toEqual(
      [
        'contractFirmName',
        'contractFirmUscc',
        'contractMonths',
        'followers',
        'residentId',
        'socialInsuranceMonths',
      ].sort(),
    );
    expect(streamer.errors['residentId']).toBe('身份证号码应为18位');
  });
});

describe('人才名册', () => {
  it('shows the count and each row’s reasons; edits a row without resending the ID; removes after confirming', async () => {
    answer('GET /api/v1/orgs/3/rosters/hires?year=2026', 200, roster([row()]));
    answer(
      'PUT /api/v1/orgs/3/rosters/hires/9',
      200,
      roster([row({ socialInsuranceMonths: 6, counts: true, checks: [] })]),
    );
    answer('DELETE /api/v1/orgs/3/rosters/hires/9', 200, roster([]));
    render(<RosterBoard client={client()} orgId={3} kind="hires" year={2026} today={TODAY} />);
    const card = await screen.findByText((_, el) => el?.getAttribute('data-row') === '9', undefined, WAIT);
    expect(card.textContent).toContain('371***********0016');
    expect(card.textContent).toContain('✕ 不计入人数');
    expect(card.querySelector('[data-check="social-insurance"]')?.textContent).toBe(
      '✕ 连续缴纳社会保险5个月，不足6个月',
    );
    expect(screen.getByText(/计入人数：0 人/).textContent).toContain('第九条要求当年吸纳10人以上');

    await act(async () => void fireEvent.click(within(card).getByText('修改')));
    const form = await screen.findByText((_, el) => el?.getAttribute('data-form') === 'hires', undefined, WAIT);
    const months = await waitFor(() => {
      const input = form.querySelector('[data-field="socialInsuranceMonths"] input');
      if (!input) throw new Error('no input yet');
      return input;
    }, WAIT);
    await act(async () => void fireEvent.input(months, { target: { value: '6' } }));
    await act(async () => void fireEvent.click(within(form).getByText('保存')));
    await waitFor(() => expect(screen.getByText(/计入人数：1 人/)).toBeTruthy(), WAIT);
    const sent = requests
      .filter((r) => r.key === 'PUT /api/v1/orgs/3/rosters/hires/9')
      .map((r) => JSON.parse(r.body) as unknown);
    expect(sent).toEqual([
      {
        name: '张小明',
        trainingKind: 'whitelisted-institution',
        institutionUscc: INSTITUTION,
        hireDate: '2026-03-01',
        socialInsuranceMonths: 6,
      },
    ]);

    const again = await screen.findByText((_, el) => el?.getAttribute('data-row') === '9', undefined, WAIT);
    await act(async () => void fireEvent.click(within(again).getByText('删除')));
    expect(requests.some((r) => r.key.startsWith('DELETE'))).toBe(false);
    await act(async () => void fireEvent.click(within(again).getByText('确定删除')));
    await waitFor(() => expect(document.querySelector('[data-row="9"]')).toBeNull(), WAIT);
  });

  it('shows the API’s refusal of a duplicate beside the field', async () => {
    answer('GET /api/v1/orgs/3/rosters/hires?year=2026', 200, roster([]));
    answer('POST /api/v1/orgs/3/rosters/hires?year=2026', 409, {
      code: 'CONFLICT',
      message: '身份证号码为371***********0016的人员已在本年度电商人才就业名册中，同一人不能重复登记',
      details: [{ field: 'residentId', message: '该人员已在本年度名册中' }],
      requestId: 'r',
    });
    render(<RosterBoard client={client()} orgId={3} kind="hires" year={2026} today={TODAY} />);
    const add = await screen.findByText('添加人员', undefined, WAIT);
    await act(async () => void fireEvent.click(add));
    const form = await screen.findByText((_, el) => el?.getAttribute('data-form') === 'hires', undefined, WAIT);
    const type = async (field: string, value: string) => {
      const input = await waitFor(() => {
        const found = form.querySelector(`[data-field="${field}"] input`);
        if (!found) throw new Error(`no ${field} input yet`);
        return found;
      }, WAIT);
      await act(async () => void fireEvent.input(input, { target: { value } }));
    };
    await type('name', '张小明');
    await type('residentId', ID);
    await type('hireDate', '2026-03-01');
    await type('socialInsuranceMonths', '6');
    await type('institutionUscc', INSTITUTION);
    await act(async () => void fireEvent.click(within(form).getByText('保存')));
    expect(await within(form).findByText('✕ 该人员已在本年度名册中', undefined, WAIT)).toBeTruthy();
    expect(within(form).getByText(/同一人不能重复登记/)).toBeTruthy();
  });
});
