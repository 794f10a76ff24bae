// A firm's contact phone, as the API and the mini-program's form check it: an 11-digit mobile
// number, or a landline with its area code (0635-8888888 or 06358888888).
const PHONE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;

export const isContactPhone = (value: string): boolean => PHONE.test(value);

export const CONTACT_PHONE_MESSAGE = '请填写11位手机号或带区号的固定电话';
