// A worker thread of the match benchmark's json-rules-engine run: the same work per line as
// `policy match --summary` where json-rules-engine can do it (read the request, decide every
// program, write an output line), on its share of the sample.
import { parentPort, workerData } from 'node:worker_threads';
import { jreEngine, jreRules } from './jre-rules.mjs';

const { edition, programIds } = workerData;
const engine = jreEngine(jreRules(edition));
const bitOf = new Map(programIds.map((id, i) => [id, 1 << i]));

parentPort.on('message', async ({ firstLine, lines }) => {
  const eligible = new Uint16Array(lines.length);
  let outBytes = 0;
  for (let i = 0; i < lines.length; i++) {
    const request = JSON.parse(lines[i]);
    // A cleared field (null) is unknown, as our engine reads it; json-rules-engine would take null as a value.
    const facts = {};
    for (const key in request.facts) if (request.facts[key] !== null) facts[key] = request.facts[key];
    const { events } = await engine.run(facts);
    let bits = 0;
    for (const event of events) bits |= bitOf.get(event.type);
    eligible[i] = bits;
    outBytes += JSON.stringify({ line: firstLine + i, eligible: events.map((e) => e.type) }).length + 1;
  }
  parentPort.postMessage({ eligible, outBytes }, [eligible.buffer]);
});
parentPort.postMessage('ready');
