export * from './contracts/applications';
export * from './contracts/catalogue';
export * from './contracts/errors';
export * from './contracts/evaluation';
export {
  FACT_DEFS,
  FACT_NAMES,
  factLabel,
  type FactDefinition,
  type FactKind,
  type FactName,
  type Facts,
  type IndexedFact,
} from './contracts/facts';
export { commendations } from './commendations/commendations';
export { builtInEditions, editionFor } from './editions/registry';
export { loadEdition } from './editions/load';
export * from './editions/materials';
export * from './editions/schema';
export {
  describeApplicationWindow,
  describePrograms,
  evaluate,
  evaluateValidated,
  screen,
  screenValidated,
  type EvaluateOptions,
  type ProgramDescription,
} from './evaluate';
export * from './money/money';
export { formatDateZh, isIsoDate } from './validation/dates';
export {
  checkText,
  normalizeText,
  textLength,
  textProblem,
  textProblemMessage,
  type TextCheck,
  type TextProblem,
  type TextRules,
} from './validation/text';
export { isValidUscc, usccCheckCharacter, usccProblem, usccProblemMessage, type UsccProblem } from './validation/uscc';
export { parseCommendationsRequest, parseEvaluationRequest, parseFacts } from './validation/requests';
export { YEARS } from './validation/checks';
