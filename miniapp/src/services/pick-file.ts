import { type FileKind, type FilePart } from '@huiqi/shared';
import Taro from '@tarojs/taro';

/** A file the user picked, ready to upload: what the transport sends, and its size for the screen. */
export interface PickedFile extends FilePart {
  size: number;
}

/** Where a file comes from: WeChat's chats, the album or the camera (weapp), or the device's files (H5). */
export type PickSource = 'chat' | 'album' | 'camera' | 'device';

export const PICK_SOURCES: Readonly<Record<PickSource, string>> = {
  chat: '从微信聊天选文件',
  album: '从相册选',
  camera: '拍照',
  device: '选择文件',
};

const IMAGE_KINDS: readonly FileKind[] = ['jpeg', 'png', 'webp', 'heic'];

/** The sources this platform offers for a material accepting `accepts`. */
export const pickSources = (accepts: readonly FileKind[]): PickSource[] => {
  if (process.env.TARO_ENV !== 'weapp') return ['device'];
  return accepts.some((k) => IMAGE_KINDS.includes(k)) ? ['chat', 'album', 'camera'] : ['chat'];
};

const EXTENSIONS: Readonly<Record<FileKind, string[]>> = {
  pdf: ['pdf'],
  jpeg: ['jpg', 'jpeg'],
  png: ['png'],
  webp: ['webp'],
  heic: ['heic', 'heif'],
  ofd: ['ofd'],
};

const MEDIA_TYPES: Readonly<Record<FileKind, string[]>> = {
  pdf: ['application/pdf'],
  jpeg: ['image/jpeg'],
  png: ['image/png'],
  webp: ['image/webp'],
  heic: ['image/heic', 'image/heif'],
  ofd: ['application/ofd'],
};

/** The `accept` of a file input: extensions and media types (a phone's picker reads the latter). */
export const acceptAttribute = (accepts: readonly FileKind[]): string =>
  accepts.flatMap((k) => [...EXTENSIONS[k].map((e) => `.${e}`), ...MEDIA_TYPES[k]]).join(',');

const baseName = (path: string): string => path.split(/[\\/]/).pop() ?? path;

const cancelled = (error: unknown): boolean => /cancel/i.test((error as { errMsg?: string } | null)?.errMsg ?? '');

/** The browser's file picker, through a hidden file input; null when the user closes it. */
const pickInBrowser = (accepts: readonly FileKind[]): Promise<PickedFile | null> =>
  new Promise((resolve, reject) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = acceptAttribute(accepts);
    input.style.display = 'none';
    input.setAttribute('data-testid', 'file-input');
    const done = () => input.remove();
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      done();
      if (!file) return resolve(null);
      file
        .arrayBuffer()
        .then(
          (bytes) => resolve({ name: file.name, type: file.type, size: file.size, content: new Uint8Array(bytes) }),
          reject,
        );
    });
    input.addEventListener('cancel', () => {
      done();
      resolve(null);
    });
    document.body.appendChild(input);
    input.click();
  });

/**
 * Asks the platform for one file of a kind the material accepts; null when the user gave up.
 * On weapp the file stays on the phone (its local path goes to wx.uploadFile); in a browser its
 * bytes are read into memory (materials are a few MB at most).
 */
export const pickFile = async (source: PickSource, accepts: readonly FileKind[]): Promise<PickedFile | null> => {
  try {
    if (source === 'device') return await pickInBrowser(accepts);
    if (source === 'chat') {
      const images = accepts.some((k) => IMAGE_KINDS.includes(k));
      const { tempFiles } = await Taro.chooseMessageFile({
        count: 1,
        ...(images ? { type: 'all' } : { type: 'file', extension: accepts.flatMap((k) => EXTENSIONS[k]) }),
      });
      const file = tempFiles[0];
      return file ? { name: file.name, size: file.size, content: file.path } : null;
    }
    const { tempFiles } = await Taro.chooseMedia({
      count: 1,
      mediaType: ['image'],
      sourceType: [source],
      sizeType: ['original'],
    });
    const file = tempFiles[0];
    return file ? { name: baseName(file.tempFilePath), size: file.size, content: file.tempFilePath } : null;
  } catch (error) {
    if (cancelled(error)) return null;
    throw error;
  }
};
