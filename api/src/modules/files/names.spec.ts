import { cleanName, contentDisposition, nameForKind } from './names.js';

describe('the name a file is downloaded under says what it is', () => {
  it.each([
    ['poly.html', 'pdf', 'poly.pdf'],
    ['营业执照（正本）', 'pdf', '营业执照（正本）.pdf'],
    ['licence.PDF', 'pdf', 'licence.PDF'],
    ['photo.jpeg', 'jpeg', 'photo.jpeg'],
    ['photo.JPG', 'jpeg', 'photo.JPG'],
    ['scan.jpg', 'png', 'scan.png'],
    ['site.png', 'webp', 'site.webp'],
    ['IMG_0001.HEIC', 'heic', 'IMG_0001.HEIC'],
    ['IMG_0001.heif', 'heic', 'IMG_0001.heif'],
    ['IMG_0001.jpg', 'heic', 'IMG_0001.heic'],
    ['完税证明', 'ofd', '完税证明.ofd'],
    ['完税证明.pdf', 'ofd', '完税证明.ofd'],
    ['setup.exe', 'png', 'setup.png'],
    ['archive.tar.gz', 'pdf', 'archive.tar.pdf'],
    // A dot before digits only, or before text that is not an extension, is part of the name.
    ['report v1.2', 'pdf', 'report v1.2.pdf'],
    ['第1.2版', 'pdf', '第1.2版.pdf'],
    ['营业执照.最终版', 'pdf', '营业执照.最终版.pdf'],
    ['.html', 'pdf', '.pdf'],
    ['notes.verylongext', 'pdf', 'notes.verylongext.pdf'],
    // A kind we never stored keeps its name rather than guess.
    ['poly.html', 'gif', 'poly.html'],
    ['poly.html', 'constructor', 'poly.html'],
  ])('%s as %s is %s', (name, kind, expected) => {
    expect(nameForKind(name, kind)).toBe(expected);
  });
});

describe('cleanName', () => {
  it.each([
    ['../../../etc/passwd.pdf', 'passwd.pdf'],
    ['C:\\Users\\王\\营业执照.pdf', '营业执照.pdf'],
    ['报告\u202efdp.exe', '报告fdp.exe'],
    ['a\u200bb\u2066c\ufeff.pdf', 'abc.pdf'],
    ['line\nbreak\u0085.pdf', 'linebreak.pdf'],
    ['Re\u0301sume\u0301.pdf', 'Résumé.pdf'],
    ['\u200b', '未命名文件'],
    ['..', '未命名文件'],
    [undefined, '未命名文件'],
  ])('%j is %j', (raw, expected) => {
    expect(cleanName(raw)).toBe(expected);
  });

  it('is bounded', () => {
    expect(cleanName('名'.repeat(300))).toHaveLength(200);
  });
});

describe('contentDisposition', () => {
  it('gives an ASCII fallback and the UTF-8 name', () => {
    expect(contentDisposition('营业执照（正本）.pdf', true)).toBe(
      `attachment; filename="________.pdf"; filename*=UTF-8''${encodeURIComponent('营业执照（正本）.pdf')}`,
    );
    expect(contentDisposition('a "b".pdf', false)).toBe(
      `inline; filename="a _b_.pdf"; filename*=UTF-8''a%20%22b%22.pdf`,
    );
  });
});
