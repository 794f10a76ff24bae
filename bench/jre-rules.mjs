// The 2023 edition's nine paying programs as json-rules-engine rules, for the benchmarks' comparison.
// json-rules-engine answers which rules fire: a program's event fires when every condition the
// engine decides from facts is met, which is our `eligible` (十's 符合条件 is the reviewer's and
// decides nothing there either). It has no "unknown", no maximum and no missing facts, so it does
// less than our engine; the benchmarks compare it on eligibility only, and check that it agrees.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { Engine } = require('json-rules-engine');
export const jsonRulesEngineVersion = require('json-rules-engine/package.json').version;

const isTrue = (fact) => ({ fact, operator: 'equal', value: true });
const atLeast = (fact, value) => ({ fact, operator: 'greaterThanInclusive', value });
const kindIn = (types) => ({ fact: 'orgTypes', operator: 'someFact:in', value: types });

/** One rule per paying program of `edition` (a loaded edition), named by program id. */
export const jreRules = (edition) => {
  const year = edition.claimYear;
  const p = (id) => edition.programs[id].parameters;
  const le = p('leading-enterprise');
  const ls = p('livestream-enterprise');
  const lb = p('livestream-base');
  const th = p('talent-hiring');
  const st = p('streamer-training');
  const cl = p('county-logistics-center');
  const ep = p('express-info-platform');
  const dc = p('distribution-center');
  const conditions = {
    'leading-enterprise': [
      atLeast('onlineRetailFen', le.minOnlineRetailFen.value),
      isTrue('normalOperation'),
      isTrue('taxCompliant'),
    ],
    'branch-conversion': [
      isTrue('convertedFromOutOfCityBranch'),
      isTrue('independentLegalPerson'),
      isTrue('includedInStatistics'),
      { fact: 'conversionDate', operator: 'dateWithin', value: [edition.validFrom, edition.validTo] },
    ],
    'livestream-enterprise': [
      kindIn(ls.eligibleOrgTypes.value),
      isTrue('independentLegalPerson'),
      isTrue('registeredInCity'),
      { fact: 'registrationDate', operator: 'dateInYear', value: year },
      atLeast('statisticalOnlineRetailFen', ls.minStatisticalOnlineRetailFen.value),
      isTrue('normalOperation'),
      isTrue('taxCompliant'),
    ],
    'livestream-base': [
      kindIn(lb.eligibleOrgTypes.value),
      isTrue('registeredInCity'),
      { fact: 'registrationDate', operator: 'dateOnOrBefore', value: `${year - lb.minYearsRegistered.value}-12-31` },
      isTrue('goodCredit'),
      { fact: 'livestreamBaseAuthorizations', operator: 'lengthAtLeast', value: lb.minPlatformAuthorizations.value },
      atLeast('siteAreaM2', lb.minSiteAreaM2.value),
      atLeast('liveRoomCount', lb.minLiveRooms.value),
      { fact: 'activeStreamerCount', operator: 'greaterThan', value: lb.activeStreamersMoreThan.value },
      atLeast('statisticalOnlineRetailFen', lb.minStatisticalOnlineRetailFen.value),
      isTrue('normalOperation'),
      isTrue('taxCompliant'),
    ],
    'talent-hiring': [
      kindIn(th.eligibleOrgTypes.value),
      isTrue('registeredInCity'),
      atLeast('trainedHireCount', th.minTrainedHires.value),
    ],
    'streamer-training': [
      kindIn(st.eligibleOrgTypes.value),
      isTrue('registeredInCity'),
      isTrue('qualificationsComplete'),
      atLeast('qualifiedStreamerTraineeCount', st.minQualifiedTrainees.value),
    ],
    'county-logistics-center': [
      kindIn(cl.eligibleOrgTypes.value),
      atLeast('nationalExpressCompanyCount', cl.minNationalExpressCompanies.value),
      { fact: 'unifiedOperations', operator: 'containsAll', value: cl.requiredOperations.value },
      { fact: 'firstOperatingYear', operator: 'equal', value: year },
    ],
    'express-info-platform': [
      kindIn(ep.eligibleOrgTypes.value),
      isTrue('realtimePriceComparison'),
      isTrue('matchmakingService'),
      atLeast('countyParcelShareBp', ep.minCountyParcelShareBp.value),
      { fact: 'firstOperatingYear', operator: 'equal', value: year },
    ],
    'distribution-center': [
      kindIn(dc.eligibleOrgTypes.value),
      isTrue('nationalExpressBrand'),
      isTrue('newFirstLevelDistributionCenter'),
      { fact: 'firstOperatingYear', operator: 'equal', value: year },
    ],
  };
  return Object.entries(conditions).map(([name, all]) => ({ name, conditions: { all }, event: { type: name } }));
};

/** An engine with `rules` and the operators they use. Facts left out are unknown (allowUndefinedFacts). */
export const jreEngine = (rules) => {
  const engine = new Engine(rules, { allowUndefinedFacts: true });
  // YYYY-MM-DD strings compare correctly as strings.
  engine.addOperator('dateOnOrBefore', (a, b) => typeof a === 'string' && a <= b);
  engine.addOperator('dateWithin', (a, [from, to]) => typeof a === 'string' && a >= from && a <= to);
  engine.addOperator('dateInYear', (a, year) => typeof a === 'string' && Number(a.slice(0, 4)) === year);
  engine.addOperator('lengthAtLeast', (a, b) => Array.isArray(a) && a.length >= b);
  engine.addOperator('containsAll', (a, b) => Array.isArray(a) && b.every((x) => a.includes(x)));
  return engine;
};
