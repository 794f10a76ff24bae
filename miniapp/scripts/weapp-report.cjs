// Reads a weapp build as WeChat's own tools do, offline: miniprogram-ci's analyseCode (the
// dependency graph: missing pages, components, files) and checkCodeQuality (package sizes as
// WeChat counts them). Prints one JSON report. Usage: node weapp-report.cjs [DIST]
//
// Runs in its own process because miniprogram-ci leaves a file watcher running; exits when done.
// Its key is a throwaway RSA key made here: these two functions never send it anywhere.
const { generateKeyPairSync } = require('node:crypto');
const { mkdtempSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join, resolve } = require('node:path');

const OPTIONAL = ['Wxss', 'FunctionalPages'];
const dist = resolve(process.argv[2] || join(__dirname, '../dist/weapp'));

const main = async () => {
  const ci = require('miniprogram-ci');
  const scratch = mkdtempSync(join(tmpdir(), 'huiqi-ci-'));
  try {
    const keyPath = join(scratch, 'throwaway.key');
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    writeFileSync(keyPath, privateKey.export({ type: 'pkcs1', format: 'pem' }));
    const project = new ci.Project({
      appid: 'touristappid',
      type: 'miniProgram',
      projectPath: dist,
      privateKeyPath: keyPath,
      ignores: ['node_modules/**/*'],
    });
    const analysis = await ci.analyseCode(project);
    const quality = await ci.checkCodeQuality(project);
    const sizes = quality.find((entry) => entry.name === 'PACKAGE_SIZE_LIMIT');
    const packages = sizes && sizes.detail ? sizes.detail : {};
    const report = {
      packages,
      mainBytes: packages['__APP__'] ?? null,
      totalBytes: Object.values(packages).reduce((sum, bytes) => sum + bytes, 0),
      files: analysis.files.length,
      // A dependency the graph could not resolve (a page's JS, a component) has no module. A
      // component's .wxss and the functional-pages entry are optional in WeChat and left out.
      missingDependencies: [
        ...new Set(
          analysis.modules.flatMap((m) =>
            (m.deps || [])
              .filter((d) => d.moduleId === null && OPTIONAL.indexOf(d.type) < 0)
              .map((d) => `${d.originModuleId} → ${d.type}:${d.request}`),
          ),
        ),
      ],
      moduleErrors: analysis.modules.flatMap((m) =>
        [...(m.errors || []), ...(m.buildError ? [m.buildError] : [])].map((e) => ({
          module: m.id,
          error: String(e.message || e),
        })),
      ),
      quality: quality.map(({ name, success, detail }) => ({ name, success, detail })),
    };
    process.stdout.write(`${JSON.stringify(report)}\n`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
};

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
    process.exit(1);
  },
);
