// Stops the APIs global-setup.mjs booted and drops their databases.
export default async () => {
  const stops = globalThis.__huiqiSharedApis ?? [];
  globalThis.__huiqiSharedApis = [];
  await Promise.all(stops.map((stop) => stop()));
};
