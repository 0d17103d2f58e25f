/** "4s", "3m 12s", "2h 5m", "3d 4h": ages of the oldest message. */
export function formatAge(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${seconds % 60}s`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours}h ${minutes % 60}m`;
  return `${Math.floor(hours / 24)}d ${hours % 24}h`;
}

export function formatTime(epochMs: number): string {
  return new Date(epochMs)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, 'Z');
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** The short id of a key ARN (`arn:aws:kms:…:key/<id>` → `<id>`), for narrow columns. */
export function shortKeyId(keyArnOrId: string): string {
  const slash = keyArnOrId.lastIndexOf('/');
  return keyArnOrId.startsWith('arn:') && slash !== -1 ? keyArnOrId.slice(slash + 1) : keyArnOrId;
}
