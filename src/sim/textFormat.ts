/** Small text helpers shared by the event descriptions (consumer groups and share groups). */

/** 45000 → "45s", 18100 → "18.1s", 300000 → "5m", 90500 → "1m30.5s". */
export function humanDuration(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms - minutes * 60_000) / 100) / 10;
  if (minutes === 0) return `${seconds}s`;
  return seconds === 0 ? `${minutes}m` : `${minutes}m${seconds}s`;
}

/** Fills `{name}` placeholders; an unknown one is left as it is. */
export function fillTemplate(template: string, params: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{([A-Za-z]+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
