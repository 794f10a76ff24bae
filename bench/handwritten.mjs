// The engine benchmark's baseline: the two programs it times (二 leading-enterprise, 六
// livestream-base), written out by hand the way one would without a rules engine: straight-line
// code over the fact object, thresholds read from the edition once, no traces. It answers what
// `screenValidated` answers (status, maximum, missing facts in catalogue order), and the benchmark
// checks the two agree on every firm, so the baseline is the same work done with nothing general.

/** 对企业的奖补资金额不得超过企业对地方贡献数的20%: bp of an amount, rounded down, exact for safe integers. */
const basisPoints = (fen, bp) => {
  const whole = Math.floor(fen / 10_000);
  return whole * bp + Math.floor(((fen - whole * 10_000) * bp) / 10_000);
};

const NONE = Object.freeze([]);

/** Returns `(facts) => response` for the two programs of `edition` (a loaded edition). */
export const handwrittenTwoPrograms = (edition) => {
  const claimYear = edition.claimYear;
  const le = edition.programs['leading-enterprise'];
  const lb = edition.programs['livestream-base'];
  const lePool = edition.pools[le.poolId].capFen;
  const lbPool = edition.pools[lb.poolId].capFen;
  const leMinRetail = le.parameters.minOnlineRetailFen.value;
  const leUnit = le.parameters.subsidyUnitFen.value;
  const leRate = le.parameters.subsidyPerUnitFen.value;
  const leCap = le.parameters.perEnterpriseCapFen.value;
  const leBp = le.parameters.localContributionCapBp.value;
  const lbTypes = lb.parameters.eligibleOrgTypes.value;
  const lbLatest = `${claimYear - lb.parameters.minYearsRegistered.value}-12-31`;
  const lbAuthorizations = lb.parameters.minPlatformAuthorizations.value;
  const lbArea = lb.parameters.minSiteAreaM2.value;
  const lbRooms = lb.parameters.minLiveRooms.value;
  const lbStreamers = lb.parameters.activeStreamersMoreThan.value;
  const lbRetail = lb.parameters.minStatisticalOnlineRetailFen.value;
  const lbAward = lb.parameters.awardFen.value;
  const lbBp = lb.parameters.localContributionCapBp.value;

  return (f) => {
    const contribution = f.localContributionFen;

    // 二: 当年网络零售额 ≥ 1亿元, 正常经营, 依法纳税; 4元 per full 1万元, ≤ 40万元, ≤ 20% of 对地方贡献数.
    let unmet = false;
    let unknown = false;
    const retail = f.onlineRetailFen;
    const normal = f.normalOperation;
    const tax = f.taxCompliant;
    if (normal === undefined) unknown = true;
    else if (normal !== true) unmet = true;
    if (tax === undefined) unknown = true;
    else if (tax !== true) unmet = true;
    if (retail === undefined) unknown = true;
    else if (retail < leMinRetail) unmet = true;
    let max = retail === undefined ? leCap : Math.min(Math.floor(retail / leUnit) * leRate, leCap);
    if (contribution !== undefined) max = Math.min(max, basisPoints(contribution, leBp));
    max = Math.min(max, lePool);
    let leMissing = NONE;
    if (unknown || contribution === undefined) {
      leMissing = [];
      if (normal === undefined) leMissing.push('normalOperation');
      if (tax === undefined) leMissing.push('taxCompliant');
      if (retail === undefined) leMissing.push('onlineRetailFen');
      if (contribution === undefined) leMissing.push('localContributionFen');
    }
    const leStatus = unmet ? 'ineligible' : unknown ? 'undetermined' : 'eligible';

    // 六 (基地): the base's kind, 在我市注册登记且诚信经营一年以上, 授牌, 2000平方米, 30间, 超过30人,
    // 纳统1亿元, 正常经营, 依法纳税; 50万元, ≤ 20% of 对地方贡献数.
    unmet = false;
    unknown = false;
    const types = f.orgTypes;
    const inCity = f.registeredInCity;
    const registered = f.registrationDate;
    const credit = f.goodCredit;
    const statistical = f.statisticalOnlineRetailFen;
    const authorizations = f.livestreamBaseAuthorizations;
    const area = f.siteAreaM2;
    const rooms = f.liveRoomCount;
    const streamers = f.activeStreamerCount;
    if (types === undefined) unknown = true;
    else {
      let any = false;
      for (let i = 0; i < types.length; i++) if (lbTypes.includes(types[i])) any = true;
      if (!any) unmet = true;
    }
    if (inCity === undefined) unknown = true;
    else if (inCity !== true) unmet = true;
    if (registered === undefined) unknown = true;
    else if (registered > lbLatest) unmet = true;
    if (credit === undefined) unknown = true;
    else if (credit !== true) unmet = true;
    if (authorizations === undefined) unknown = true;
    else if (authorizations.length < lbAuthorizations) unmet = true;
    if (area === undefined) unknown = true;
    else if (area < lbArea) unmet = true;
    if (rooms === undefined) unknown = true;
    else if (rooms < lbRooms) unmet = true;
    if (streamers === undefined) unknown = true;
    else if (streamers <= lbStreamers) unmet = true;
    if (statistical === undefined) unknown = true;
    else if (statistical < lbRetail) unmet = true;
    if (normal === undefined) unknown = true;
    else if (normal !== true) unmet = true;
    if (tax === undefined) unknown = true;
    else if (tax !== true) unmet = true;
    let lbMax = Math.min(lbAward, lbPool);
    if (contribution !== undefined) lbMax = Math.min(lbMax, basisPoints(contribution, lbBp));
    let lbMissing = NONE;
    if (unknown || contribution === undefined) {
      lbMissing = [];
      if (types === undefined) lbMissing.push('orgTypes');
      if (inCity === undefined) lbMissing.push('registeredInCity');
      if (registered === undefined) lbMissing.push('registrationDate');
      if (normal === undefined) lbMissing.push('normalOperation');
      if (tax === undefined) lbMissing.push('taxCompliant');
      if (credit === undefined) lbMissing.push('goodCredit');
      if (statistical === undefined) lbMissing.push('statisticalOnlineRetailFen');
      if (contribution === undefined) lbMissing.push('localContributionFen');
      if (authorizations === undefined) lbMissing.push('livestreamBaseAuthorizations');
      if (area === undefined) lbMissing.push('siteAreaM2');
      if (rooms === undefined) lbMissing.push('liveRoomCount');
      if (streamers === undefined) lbMissing.push('activeStreamerCount');
    }
    const lbStatus = unmet ? 'ineligible' : unknown ? 'undetermined' : 'eligible';

    return {
      claimYear,
      programs: [
        {
          programId: 'leading-enterprise',
          measure: le.measure,
          status: leStatus,
          maxAmountFen: leStatus === 'ineligible' ? null : max,
          poolId: le.poolId,
          oneOff: le.oneOff,
          missingFacts: leMissing,
        },
        {
          programId: 'livestream-base',
          measure: lb.measure,
          status: lbStatus,
          maxAmountFen: lbStatus === 'ineligible' ? null : lbMax,
          poolId: lb.poolId,
          oneOff: lb.oneOff,
          missingFacts: lbMissing,
        },
      ],
    };
  };
};

/**
 * Less than screening does: the two programs' statuses alone (no maximum, no missing facts), the
 * floor of any evaluator handed these fact objects. Shown beside the baseline, not used for the target.
 */
export const handwrittenStatuses = (edition) => {
  const claimYear = edition.claimYear;
  const le = edition.programs['leading-enterprise'].parameters;
  const lb = edition.programs['livestream-base'].parameters;
  const leMinRetail = le.minOnlineRetailFen.value;
  const lbTypes = lb.eligibleOrgTypes.value;
  const lbLatest = `${claimYear - lb.minYearsRegistered.value}-12-31`;
  const lbAuthorizations = lb.minPlatformAuthorizations.value;
  const lbArea = lb.minSiteAreaM2.value;
  const lbRooms = lb.minLiveRooms.value;
  const lbStreamers = lb.activeStreamersMoreThan.value;
  const lbRetail = lb.minStatisticalOnlineRetailFen.value;
  const status = (unmet, unknown) => (unmet ? 'ineligible' : unknown ? 'undetermined' : 'eligible');

  return (f) => {
    let unmet = false;
    let unknown = false;
    const normal = f.normalOperation;
    const tax = f.taxCompliant;
    const retail = f.onlineRetailFen;
    if (normal === undefined) unknown = true;
    else if (normal !== true) unmet = true;
    if (tax === undefined) unknown = true;
    else if (tax !== true) unmet = true;
    if (retail === undefined) unknown = true;
    else if (retail < leMinRetail) unmet = true;
    const leStatus = status(unmet, unknown);

    unmet = false;
    unknown = false;
    const types = f.orgTypes;
    if (types === undefined) unknown = true;
    else {
      let any = false;
      for (let i = 0; i < types.length; i++) if (lbTypes.includes(types[i])) any = true;
      if (!any) unmet = true;
    }
    const inCity = f.registeredInCity;
    if (inCity === undefined) unknown = true;
    else if (inCity !== true) unmet = true;
    const registered = f.registrationDate;
    if (registered === undefined) unknown = true;
    else if (registered > lbLatest) unmet = true;
    const credit = f.goodCredit;
    if (credit === undefined) unknown = true;
    else if (credit !== true) unmet = true;
    const authorizations = f.livestreamBaseAuthorizations;
    if (authorizations === undefined) unknown = true;
    else if (authorizations.length < lbAuthorizations) unmet = true;
    const area = f.siteAreaM2;
    if (area === undefined) unknown = true;
    else if (area < lbArea) unmet = true;
    const rooms = f.liveRoomCount;
    if (rooms === undefined) unknown = true;
    else if (rooms < lbRooms) unmet = true;
    const streamers = f.activeStreamerCount;
    if (streamers === undefined) unknown = true;
    else if (streamers <= lbStreamers) unmet = true;
    const statistical = f.statisticalOnlineRetailFen;
    if (statistical === undefined) unknown = true;
    else if (statistical < lbRetail) unmet = true;
    if (normal === undefined) unknown = true;
    else if (normal !== true) unmet = true;
    if (tax === undefined) unknown = true;
    else if (tax !== true) unmet = true;

    return {
      programs: [
        { programId: 'leading-enterprise', status: leStatus },
        { programId: 'livestream-base', status: status(unmet, unknown) },
      ],
    };
  };
};
