import { Text, View } from '@tarojs/components';
import { factLabel, type FactName, formatFen, type ProgramResult } from '@huiqi/shared';
import { ConditionStatusBadge, ProgramStatusBadge } from '../../components/status';

/** The rules' answer for one program: its status, each condition with its clause, the amount. */
export const ResultCard = ({ result, title }: { result: ProgramResult; title: string }) => (
  <View className="card apply-result" data-result={result.programId}>
    <View className="apply-result__head">
      <Text className="card-title">{title}</Text>
      <ProgramStatusBadge status={result.status} />
    </View>
    <Text className="apply-result__summary">{result.summary}</Text>
    {result.maxAmountFen !== null ? (
      <Text className="apply-result__amount">最多可获 {formatFen(result.maxAmountFen)}</Text>
    ) : null}
    {result.conditions.map((condition) => (
      <View key={condition.id} className="apply-result__condition" data-condition={condition.id}>
        <ConditionStatusBadge status={condition.status} />
        <Text className="apply-result__text">{condition.explanation}</Text>
        <Text className="apply-result__clause">政策原文：“{condition.clause}”</Text>
      </View>
    ))}
    {result.missingFacts.length > 0 ? (
      <Text className="apply-result__missing">
        还需填写：{result.missingFacts.map((f: FactName) => factLabel(f)).join('、')}
      </Text>
    ) : null}
  </View>
);
