/** The file of another region's namespace: `dir/sealbus.db` → `dir/sealbus.<region>.db`; `:memory:` stays in memory. */
export function regionalPath(path: string, region: string): string {
  if (path === ':memory:') return path;
  const dot = path.lastIndexOf('.');
  const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return dot > slash + 1
    ? `${path.slice(0, dot)}.${region}${path.slice(dot)}`
    : `${path}.${region}`;
}
