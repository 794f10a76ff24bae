import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { act, cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { usccCheckCharacter, USCC_ALPHABET } from '@huiqi/shared';
import RegisterPage from '../src/subpackages/org/register';
import { EMPTY_ORG_DRAFT, usccHint, validateOrgDraft } from '../src/org/register-form';

const BODY = '91371500MA3TEXT01';
const CHECK = usccCheckCharacter(BODY) ?? '';
const VALID = BODY + CHECK;
// Any other character of the alphabet is a wrong check digit.
const WRONG = BODY + (USCC_ALPHABET.split('').find((c) => c !== CHECK) ?? '');

/** Taro's <Input> is a custom element whose own <input> appears a tick after it mounts. */
const typeInto = async (placeholder: string, text: string): Promise<void> => {
  const input = await waitFor(() => {
    const found = document.querySelector<HTMLInputElement>(`input[placeholder="${placeholder}"]`);
    if (!found) throw new Error(`no input "${placeholder}"`);
    return found;
  });
  await act(async () => {
    input.value = text;
    fireEvent.input(input, { target: { value: text } });
  });
};

const field = (name: string): HTMLElement => {
  const found = document.querySelector<HTMLElement>(`[data-field="${name}"]`);
  if (!found) throw new Error(`no field ${name}`);
  return found;
};

const element = (selector: string, text = ''): Element => {
  const found = [...document.querySelectorAll(selector)].find((el) => el.textContent?.includes(text));
  if (!found) throw new Error(`no ${selector} "${text}"`);
  return found;
};

const signIn = () =>
  Taro.setStorageSync('huiqi.session.v1', {
    accessToken: 'a',
    refreshToken: 'r',
    expiresIn: 900,
    user: { id: 1, role: 'applicant', displayName: '测试用户' },
  });

beforeEach(() => {
  localStorage.clear();
  signIn();
});
afterEach(cleanup);

describe('登记企业: the form checks what it can before sending', () => {
  it('names a wrong check digit in Chinese as the code is typed, and accepts a valid code', async () => {
    render(<RegisterPage />);
    await typeInto('营业执照上的18位代码', WRONG.slice(0, 10));
    expect(field('uscc').textContent).toContain('已输入10位，还差8位');

    await typeInto('营业执照上的18位代码', WRONG);
    expect(field('uscc').textContent).toContain('校验位不正确');
    expect(field('uscc').querySelector('[role="alert"]')).not.toBeNull();

    // Typed in lower case with spaces, as people copy it: read as the licence prints it.
    await typeInto('营业执照上的18位代码', `${VALID.slice(0, 8).toLowerCase()} ${VALID.slice(8)}`);
    expect(field('uscc').textContent).toContain('✓ 校验位正确');
    expect(field('uscc').textContent).not.toContain('校验位不正确');
    expect(field('uscc').querySelector('[role="alert"]')).toBeNull();
  });

  it('refuses to send without a county, saying so beside the county', async () => {
    render(<RegisterPage />);
    await typeInto('营业执照上的18位代码', VALID);
    await typeInto('与营业执照一致', '聊城测试电商有限公司');
    await act(async () => {
      fireEvent.click(element('[role="checkbox"]', '电商企业'));
    });
    await typeInto('法定代表人姓名', '王法人');
    await typeInto('负责申报的联系人姓名', '赵联系');
    await typeInto('手机号，或带区号的固定电话', '13912345678');
    expect(field('county').textContent).not.toContain('请选择所在县');

    await act(async () => {
      fireEvent.click(element('.register__submit'));
    });
    expect(field('county').textContent).toContain('✕ 请选择所在县（市、区）');
    // Only the county is wrong: every other field passed the shared validators.
    for (const name of ['uscc', 'name', 'orgTypes', 'legalRepresentative', 'contactName', 'contactPhone'])
      expect(field(name).querySelector('[role="alert"]')).toBeNull();
    // What was typed is kept on the device until the firm is registered.
    expect(JSON.stringify(Taro.getStorageSync('huiqi.org-register.v1'))).toContain('聊城测试电商有限公司');
  });
});

describe('validateOrgDraft', () => {
  const good = {
    ...EMPTY_ORG_DRAFT,
    uscc: VALID,
    name: '聊城测试电商有限公司',
    county: 'linqing' as const,
    orgTypes: ['ecommerce' as const],
    legalRepresentative: '王法人',
    contactName: '赵联系',
    contactPhone: '0635-8888888',
  };

  it('sends a complete form as the contract types it', () => {
    expect(validateOrgDraft(good)).toEqual({ request: { ...good }, errors: {} });
  });

  it('names every field that is wrong, in Chinese', () => {
    const { request, errors } = validateOrgDraft({ ...EMPTY_ORG_DRAFT, uscc: WRONG, contactPhone: '12345' });
    expect(request).toBeNull();
    expect(errors).toEqual({
      uscc: '统一社会信用代码校验位不正确，请核对营业执照上的代码是否抄错',
      name: '请填写企业名称',
      county: '请选择所在县（市、区）',
      orgTypes: '至少选择一种主体类型',
      legalRepresentative: '请填写法定代表人姓名',
      contactName: '请填写联系人姓名',
      contactPhone: '请填写11位手机号或带区号的固定电话',
    });
  });

  it('says which character a code cannot contain before it is complete', () => {
    expect(usccHint('91O')).toEqual({ tone: 'error', text: expect.stringContaining('不含I、O、S、V、Z') });
    expect(usccHint('')).toBeNull();
  });
});
