import { Button, Text, View } from '@tarojs/components';
import { Popup } from '@nutui/nutui-react-taro';
import { fileKindName, type LibraryEntry, type MaterialView } from '@huiqi/shared';
import { useEffect, useState } from 'react';
import { Empty, ErrorState, Loading } from '../../../components/page-state';
import { messageOf } from '../../../services/errors';
import { formatBytes } from './format';

interface Props {
  /** The material to fill; null: the sheet is closed. */
  material: MaterialView | null;
  load: () => Promise<LibraryEntry[]>;
  onChoose: (material: MaterialView, file: LibraryEntry) => void;
  onClose: () => void;
}

type State = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; files: LibraryEntry[] };

/** The firm's earlier files that this material accepts, to use again without uploading. */
export const LibrarySheet = ({ material, load, onChoose, onClose }: Props) => {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const fetchFiles = () => {
    setState({ kind: 'loading' });
    load().then(
      (files) => setState({ kind: 'ready', files }),
      (error: unknown) => setState({ kind: 'error', message: messageOf(error) }),
    );
  };
  // Each opening reads the library again: an upload a moment ago is in it.
  useEffect(() => {
    if (material) fetchFiles();
  }, [material]);

  const usable = state.kind === 'ready' && material ? state.files.filter((f) => material.accepts.includes(f.kind)) : [];
  return (
    <Popup visible={material !== null} position="bottom" round closeable title="从企业文件库选择" onClose={onClose}>
      <View className="library">
        {material ? <Text className="muted">用于：{material.name}</Text> : null}
        {state.kind === 'loading' ? <Loading /> : null}
        {state.kind === 'error' ? <ErrorState message={state.message} onRetry={fetchFiles} /> : null}
        {state.kind === 'ready' && usable.length === 0 ? (
          <Empty title="文件库里没有可用的文件" hint="这项材料接受的文件类型在文件库里还没有，请直接上传。" />
        ) : null}
        {usable.map((file) => (
          <View key={file.id} className="library__file" data-file={file.name}>
            <View className="library__info">
              <Text className="checklist__file-name">{file.name}</Text>
              <Text className="muted">
                {fileKindName(file.kind)} · {formatBytes(file.size)}
                {file.expired ? ' · ✕ 已过期' : file.expiringSoon ? ' · ! 即将过期' : ''}
              </Text>
            </View>
            <Button className="checklist__button" onClick={() => material && onChoose(material, file)}>
              用这个
            </Button>
          </View>
        ))}
      </View>
    </Popup>
  );
};
