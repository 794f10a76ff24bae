export * from './contracts/applications';
export * from './contracts/catalogue';
export * from './contracts/errors';
export * from './contracts/evaluation';
export * from './contracts/facts';
export { commendations, rankDescending } from './commendations/commendations';
export { builtInEditions, editionFor } from './editions/registry';
export { loadEdition } from './editions/load';
export * from './editions/materials';
export * from './editions/schema';
export {
  describePrograms,
  editionSummary,
  evaluate,
  evaluateProgram,
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
export {
  checkFacts,
  parseCommendationsRequest,
  parseEvaluationRequest,
  parseFacts,
  readEvaluationRequest,
  type ValidRequest,
} from './validation/requests';
export { Issues, YEARS } from './validation/checks';
