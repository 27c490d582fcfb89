// What the server benchmarks share: a numeric --option, latency figures, and a bench admin's session.

/** `--name N` from the command line, or `fallback` when absent or not a positive number. */
export function argument(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : Number.NaN;
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

export const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN;
};

export const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 0)} ms`;

/** Median, p95 and max of latencies, and how many. */
export const describe = (values: number[]) =>
  `median ${ms(percentile(values, 0.5))}, p95 ${ms(percentile(values, 0.95))}, max ${ms(Math.max(...values))} (${values.length})`;

/** Logs in as the user `bench` (password `bench password 1`) and returns the session cookie. */
export async function benchCookie(base: string): Promise<string> {
  const login = await fetch(`${base}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'bench', password: 'bench password 1' }),
  });
  return (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}
