import { Button, Text, View } from '@tarojs/components';
import { disabledProps } from '../../../components/busy';

/** Server-side paging: the page shown, of how many, with 上一页 and 下一页. */
export const Pager = ({
  page,
  pageSize,
  total,
  onPage,
}: {
  page: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
}) => {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <View className="wb-pager" role="navigation" aria-label="分页">
      <Button className="wb-button" {...disabledProps(page <= 1)} onClick={() => onPage(page - 1)}>
        上一页
      </Button>
      <Text className="wb-pager__text">
        第 {page} / {pages} 页，共 {total} 条
      </Text>
      <Button className="wb-button" {...disabledProps(page >= pages)} onClick={() => onPage(page + 1)}>
        下一页
      </Button>
    </View>
  );
};
