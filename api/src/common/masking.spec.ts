import { maskIdNumber, maskName, maskPersonal, maskPhone } from './masking.js';

describe('masking personal data', () => {
  it.each([
    ['张三', '张*'],
    ['欧阳娜娜', '欧***'],
    ['王', '*'],
  ])('name %s → %s', (name, masked) => expect(maskName(name)).toBe(masked));

  it.each([
    ['13812345678', '138****5678'],
    ['0635-8123456', '063*******56'],
    ['1234', '****'],
  ])('phone %s → %s', (phone, masked) => expect(maskPhone(phone)).toBe(masked));

  it('ID number keeps only its ends', () => expect(maskIdNumber('371502199001011234')).toBe('371*************34'));

  it('masks personal fields at any depth and leaves the rest', () => {
    expect(
      maskPersonal({
        name: '某公司',
        legalRepresentative: '张三',
        nested: [{ contactPhone: '13812345678', contactName: '李四' }],
      }),
    ).toEqual({
      name: '某公司',
      legalRepresentative: '张*',
      nested: [{ contactPhone: '138****5678', contactName: '李*' }],
    });
  });
});
