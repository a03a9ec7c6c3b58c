/** Tiny helpers for the inline SVG charts (no library, no network). */
export const niceMax = (value: number): number => {
  if (!(value > 0)) return 1;
  const exp = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 2.5, 5, 10].find((s) => s * exp >= value) ?? 10;
  return step * exp;
};

export const ticks = (max: number, count = 4): number[] => Array.from({ length: count + 1 }, (_, i) => (max / count) * i);

export const r = (n: number): string => (Math.round(n * 10) / 10).toString();

export const tickLabel = (n: number): string => (n >= 1000 ? `${r(n / 1000)}k` : Number.isInteger(n) ? String(n) : n.toFixed(1));

export const msLabel = (ms: number): string => (ms >= 1000 ? `${r(ms / 1000)} s` : `${Math.round(ms)} ms`);
