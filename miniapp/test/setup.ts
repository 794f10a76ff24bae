// Taro's H5 runtime, as the H5 build configures it (webpack's DefinePlugin sets these there).
const flags = globalThis as unknown as Record<string, boolean>;
for (const name of [
  'ENABLE_INNER_HTML',
  'ENABLE_ADJACENT_HTML',
  'ENABLE_SIZE_APIS',
  'ENABLE_TEMPLATE_CONTENT',
  'ENABLE_CLONE_NODE',
  'ENABLE_CONTAINS',
  'ENABLE_MUTATION_OBSERVER',
])
  flags[name] = true;
flags['DEPRECATED_ADAPTER_COMPONENT'] = false;
(globalThis as unknown as { API_BASE: string }).API_BASE = '';
process.env.TARO_ENV = 'h5';
process.env['FRAMEWORK'] = 'react';
process.env['TARO_PLATFORM'] = 'web';
process.env['SUPPORT_TARO_POLYFILL'] = 'disabled';
