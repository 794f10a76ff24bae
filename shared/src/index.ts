export * from './contracts/applications';
export * from './contracts/audit';
export * from './contracts/auth';
export * from './contracts/catalogue';
export * from './contracts/demo-staff';
export * from './contracts/editions';
export * from './contracts/errors';
export * from './contracts/evaluation';
export {
  FACT_DEFS,
  FACT_NAMES,
  factLabel,
  type FactChangeView,
  type FactDefinition,
  type FactHistory,
  type FactKind,
  type FactName,
  type Facts,
  type FactsView,
  type IndexedFact,
  type Provenance,
  type PutFactsRequest,
} from './contracts/facts';
export * from './contracts/files';
export * from './contracts/health';
export * from './contracts/materials';
export * from './contracts/operations';
export * from './contracts/notifications';
export * from './contracts/orgs';
export * from './contracts/review';
export * from './contracts/rounds';
export * from './contracts/statistics';
export * from './contracts/whitelist';
export * from './contracts/rosters';
export { commendations } from './commendations/commendations';
export { countyFiguresOf, countyYears, ratioBasisPoints } from './statistics/yearly';
// Commendations publication and the targets dashboard (一、四、五, 2023 targets).
export * from './contracts/commendation-lists';
export * from './contracts/targets';
export { commendationInputsOf, coverageOf } from './commendations/from-figures';
export { CITY_TARGETS, CITY_TARGETS_YEAR, type CityTarget, targetReached } from './targets/targets';
export { latestObservation, targetsOf } from './targets/dashboard';
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
export { CONTACT_PHONE_MESSAGE, isContactPhone } from './validation/phone';
export {
  maskResidentId,
  RESIDENT_ID_MESSAGES,
  residentIdCheckCharacter,
  residentIdProblem,
  type ResidentIdProblem,
} from './validation/resident-id';
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
export {
  isValidUscc,
  USCC_ALPHABET,
  usccCheckCharacter,
  usccProblem,
  usccProblemMessage,
  type UsccProblem,
} from './validation/uscc';
export { parseCommendationsRequest, parseEvaluationRequest, parseFacts } from './validation/requests';
export { YEARS } from './validation/checks';
export {
  addWorkingDays,
  deadline,
  isOverdue,
  isWorkingDay,
  isYearCovered,
  noticePeriod,
  weekday,
  workingDaysBetween,
  type HolidayCalendar,
  type NoticePeriod,
} from './calendar/working-days';
export {
  calendarFromNotices,
  CN_HOLIDAY_NOTICES,
  cnCalendar,
  type HolidayFestival,
  type HolidayNotice,
} from './calendar/state-council';
export * from './money/pro-rata';
export * from './client/client';
export * from './client/transport';
export * from './contracts/relocated-shops';
export {
  countyProblem,
  normalizeShop,
  platformProblem,
  relocatedOnProblem,
  relocatedShopProblems,
  SHOP_ID_MAX,
  SHOP_LINK_MAX,
  shopKeyOf,
  shopKindOf,
  shopProblem,
} from './validation/relocated-shop';
export * from './contracts/referrals';
export * from './contracts/parks';
export * from './money/yuan';
export * from './parks/ranking';
