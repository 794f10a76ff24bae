import { type ApiClient, type LibraryEntry, type MaterialView } from '@huiqi/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { messageOf } from '../../../services/errors';
import { type PickedFile } from '../../../services/pick-file';

/** What goes into a slot: a file picked on the device, or one of the firm's library. */
export type SlotSource = { kind: 'file'; file: PickedFile } | { kind: 'library'; fileId: number; name: string };

/** A slot's change under way, or the last one that failed (kept, so 重试 sends the same file again). */
export type SlotWork =
  | { phase: 'uploading'; source: SlotSource; sentBytes: number; totalBytes: number }
  | { phase: 'failed'; source: SlotSource; message: string };

export type MaterialsState =
  { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; materials: MaterialView[] };

export interface MaterialsController {
  state: MaterialsState;
  work: Readonly<Record<string, SlotWork | undefined>>;
  reload: () => Promise<void>;
  /** Uploads the file into the firm's library, then puts it in the slot. */
  put: (materialId: string, source: SlotSource) => Promise<void>;
  /** Sends the slot's failed file again. */
  retry: (materialId: string) => Promise<void>;
  /** The firm's library (for 从文件库选择), loaded when first asked. */
  library: () => Promise<LibraryEntry[]>;
}

const sizeOf = (source: SlotSource): number => (source.kind === 'file' ? source.file.size : 0);

/**
 * An application's materials and the uploads into them: one file at a time per slot, with its
 * progress; a failure keeps the chosen file for 重试 (the page never asks for it again). The
 * client is passed in: the app's own, or a test's over a real server.
 */
export const useMaterials = (client: ApiClient, applicationId: number, orgId: number): MaterialsController => {
  const [state, setState] = useState<MaterialsState>({ kind: 'loading' });
  const [work, setWork] = useState<Record<string, SlotWork | undefined>>({});
  const workRef = useRef(work);
  workRef.current = work;

  const setSlot = (materialId: string, next: SlotWork | undefined) => setWork((w) => ({ ...w, [materialId]: next }));

  const reload = useCallback(async () => {
    setState((s) => (s.kind === 'ready' ? s : { kind: 'loading' }));
    try {
      const { materials } = await client.listMaterials({ params: { id: applicationId } });
      setState({ kind: 'ready', materials });
    } catch (error) {
      setState({ kind: 'error', message: messageOf(error) });
    }
  }, [client, applicationId]);

  useEffect(() => void reload(), [reload]);

  const put = async (materialId: string, source: SlotSource): Promise<void> => {
    if (workRef.current[materialId]?.phase === 'uploading') return;
    const total = sizeOf(source);
    setSlot(materialId, { phase: 'uploading', source, sentBytes: 0, totalBytes: total });
    try {
      let fileId: number;
      if (source.kind === 'file') {
        const { name, type, content } = source.file;
        const { file } = await client.uploadFile(
          { query: { orgId }, body: { file: { name, content, ...(type ? { type } : {}) } } },
          {
            onUploadProgress: (sentBytes, totalBytes) =>
              setSlot(materialId, { phase: 'uploading', source, sentBytes, totalBytes }),
          },
        );
        fileId = file.id;
      } else fileId = source.fileId;
      const { materials } = await client.attachMaterial({
        params: { id: applicationId, materialId },
        body: { fileId },
      });
      setState({ kind: 'ready', materials });
      setSlot(materialId, undefined);
    } catch (error) {
      setSlot(materialId, { phase: 'failed', source, message: messageOf(error) });
    }
  };

  const retry = async (materialId: string): Promise<void> => {
    const failed = workRef.current[materialId];
    if (failed?.phase === 'failed') await put(materialId, failed.source);
  };

  const library = async (): Promise<LibraryEntry[]> => (await client.listOrgFiles({ params: { orgId } })).files;

  return { state, work, reload, put, retry, library };
};
