import { prepareRace, approvalBurst, tally } from './pool-race.mjs';
const bases = ['http://127.0.0.1:39411', 'http://127.0.0.1:39412'];
const r = await prepareRace({ bases, fits: 5, applications: 20, prefix: 'DBGPD' });
console.log('prepared', r.roundId);
const b = await approvalBurst({ bases, applicationIds: r.applicationIds, sessions: 2, prefix: 'DBGPD' });
console.log(b.seconds, tally(b.outcomes));
for (const o of b.outcomes) console.log(o.applicationId, o.attempt, o.process, o.ok, o.code ?? o.status, Math.round(o.ms));
