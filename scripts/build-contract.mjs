// Generates the JSON Schemas of the wire contract from the TypeScript types in shared/src/contracts
// (ts-json-schema-generator), so the API's OpenAPI document, the conformance tests and the fuzz
// suite all read the types themselves, never a hand-written copy. Runs after `tsc -b`, and only
// when the sources changed since the last run (about a second otherwise).
// Output: shared/dist/contracts/schemas.json, { operations, definitions } (see ContractSchemas in
// shared/src/contracts/schemas.ts); refs point at #/components/schemas/NAME, as in the document.
// Usage: node scripts/build-contract.mjs [--force]
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGenerator } from 'ts-json-schema-generator';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const output = join(root, 'shared', 'dist', 'contracts', 'schemas.json');
const stamp = `${output}.stamp`;
const force = process.argv.includes('--force');

const filesUnder = (path) =>
  statSync(path).isDirectory()
    ? readdirSync(path, { withFileTypes: true })
        .flatMap((e) => filesUnder(join(path, e.name)))
        .sort()
    : [path];

// The contract's types reach into the editions and the evaluation (Edition, ProgramDescription):
// every source of shared, and the generator's own version.
const inputsHash = () => {
  const hash = createHash('sha256');
  const generator = JSON.parse(readFileSync(join(root, 'node_modules/ts-json-schema-generator/package.json'), 'utf8'));
  hash.update(`${generator.version}\n${readFileSync(fileURLToPath(import.meta.url))}`);
  for (const file of [join(root, 'shared', 'tsconfig.json'), ...filesUnder(join(root, 'shared', 'src'))])
    if (file.endsWith('.ts') && !file.endsWith('.spec.ts')) {
      hash.update(relative(root, file));
      hash.update(readFileSync(file));
    }
  return hash.digest('hex');
};

/**
 * `ProgramEdition<"leading-enterprise">` → `ProgramEdition_leading-enterprise`: component names
 * must match ^[a-zA-Z0-9._-]+$ in OpenAPI.
 */
const componentName = (name) =>
  name
    .replace(/[<,]\s*/g, '_')
    .replace(/[>"' ]/g, '')
    .replace(/[^a-zA-Z0-9._-]/g, '_');

/** Rewrites every `#/definitions/X` into `#/components/schemas/X'`, X renamed. */
const rewriteRefs = (value) => {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) =>
      key === '$ref' && typeof v === 'string' && v.startsWith('#/definitions/')
        ? [key, `#/components/schemas/${componentName(decodeURIComponent(v.slice('#/definitions/'.length)))}`]
        : [key, rewriteRefs(v)],
    ),
  );
};

const generate = () => {
  const generator = createGenerator({
    path: join(root, 'shared', 'src', 'contracts', '{operations,errors}.ts'),
    tsconfig: join(root, 'shared', 'tsconfig.json'),
    type: '*',
    expose: 'export',
    topRef: true,
    jsDoc: 'extended',
    // tsc -b has just checked these sources.
    skipTypeCheck: true,
    // Objects are closed, as the API refuses unknown keys and answers only what its types say.
    additionalProperties: false,
    sortProps: false,
  });
  const definitions = {};
  for (const root of ['ApiOperations', 'ErrorBody'])
    for (const [name, schema] of Object.entries(generator.createSchema(root).definitions ?? {})) {
      const renamed = componentName(name);
      if (definitions[renamed] && JSON.stringify(definitions[renamed]) !== JSON.stringify(rewriteRefs(schema)))
        throw new Error(`two contract types are both named ${renamed}`);
      definitions[renamed] = rewriteRefs(schema);
    }
  // Each operation's parts, by operation: the table itself is not a component.
  const table = definitions['ApiOperations'];
  delete definitions['ApiOperations'];
  const operations = Object.fromEntries(
    Object.entries(table.properties).map(([id, entry]) => [id, entry.properties ?? {}]),
  );
  const sorted = Object.fromEntries(
    Object.keys(definitions)
      .sort()
      .map((k) => [k, definitions[k]]),
  );
  return { operations, definitions: sorted };
};

const hash = inputsHash();
if (!force && existsSync(output) && existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) process.exit(0);
const started = Date.now();
const schemas = generate();
mkdirSync(dirname(output), { recursive: true });
writeFileSync(output, `${JSON.stringify(schemas, null, 1)}\n`);
writeFileSync(stamp, hash);
console.log(
  `契约 JSON Schema 已生成：${Object.keys(schemas.operations).length} 个接口，` +
    `${Object.keys(schemas.definitions).length} 个类型（${((Date.now() - started) / 1000).toFixed(1)} 秒）`,
);
