import { describe, expect, it } from 'vitest';
import { Prefetcher } from '../../src/engine/prefetch.ts';
import { TrafficGate } from '../../src/engine/traffic-gate.ts';

const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

/** Jobs that finish when released, recording what ran at the same time. */
function jobs() {
  const release = new Map<string, () => void>();
  const state = { running: 0, maxRunning: 0, order: [] as string[] };
  const run = (key: string) =>
    new Promise<string>((resolve) => {
      state.running++;
      state.maxRunning = Math.max(state.maxRunning, state.running);
      state.order.push(key);
      release.set(key, () => {
        state.running--;
        resolve(key);
      });
    });
  return { run, release, state };
}

describe('Prefetcher', () => {
  const keys = ['a', 'b', 'c', 'd', 'e', 'f'];

  it('runs ahead of what is asked, never more than `concurrency` at once', async () => {
    const { run, release, state } = jobs();
    const p = new Prefetcher(keys, run, { concurrency: 2, lookahead: Infinity });
    p.start();
    expect(state.order).toEqual(['a', 'b']);
    release.get('a')!();
    await tick();
    expect(state.order).toEqual(['a', 'b', 'c']);
    for (const k of keys) {
      release.get(k)?.();
      await tick();
    }
    for (const k of keys) release.get(k)?.();
    await expect(p.get('f')).resolves.toBe('f');
    expect(state.maxRunning).toBe(2);
  });

  it('with lookahead 0 runs strictly what is asked, in order', async () => {
    const { run, release, state } = jobs();
    const p = new Prefetcher(keys, run, { concurrency: 1, lookahead: 0 });
    p.start();
    expect(state.order).toEqual(['a']);
    release.get('a')!();
    await tick();
    expect(state.order).toEqual(['a']);
    const c = p.get('c');
    await tick();
    expect(state.order).toEqual(['a', 'c']);
    release.get('c')!();
    await expect(c).resolves.toBe('c');
  });

  it('starts the key asked for first, then what follows, then what was left behind', async () => {
    const { run, release, state } = jobs();
    const p = new Prefetcher(keys, run, { concurrency: 1, lookahead: Infinity });
    const d = p.get('d');
    expect(state.order).toEqual(['d']);
    for (let i = 0; i < keys.length; i++) {
      for (const k of [...release.keys()]) release.get(k)!();
      await tick();
    }
    await expect(d).resolves.toBe('d');
    expect(state.order).toEqual(['d', 'e', 'f', 'a', 'b', 'c']);
  });

  it('whenDone waits without moving the position', async () => {
    const { run, release, state } = jobs();
    const p = new Prefetcher(keys, run, { concurrency: 1, lookahead: Infinity });
    const f = p.whenDone('f');
    p.start();
    expect(state.order).toEqual(['a']);
    for (let i = 0; i < keys.length; i++) {
      for (const k of [...release.keys()]) release.get(k)!();
      await tick();
    }
    await expect(f).resolves.toBe('f');
    expect(state.order).toEqual(keys);
  });

  it('hands a failed job its error', async () => {
    const p = new Prefetcher(['x'], async () => Promise.reject(new Error('boom')), { concurrency: 1, lookahead: 0 });
    await expect(p.get('x')).rejects.toThrow('boom');
  });
});

describe('TrafficGate', () => {
  it('runs shared work side by side and exclusive work alone, after what is in flight', async () => {
    const gate = new TrafficGate();
    const log: string[] = [];
    const work = (name: string, ms: number) => async () => {
      log.push(`${name}+`);
      await tick(ms);
      log.push(`${name}-`);
    };
    const a = gate.runShared(work('a', 30));
    const b = gate.runShared(work('b', 10));
    const x = gate.runExclusive(work('x', 10));
    await tick(1);
    const c = gate.runShared(work('c', 1));
    await Promise.all([a, b, x, c]);
    expect(log.slice(0, 2)).toEqual(['a+', 'b+']);
    const xStart = log.indexOf('x+');
    expect(xStart).toBeGreaterThan(log.indexOf('a-'));
    expect(log[xStart + 1]).toBe('x-');
    expect(log.indexOf('c+')).toBeGreaterThan(log.indexOf('x-'));
  });
});

describe('Prefetcher.stop', () => {
  it('starts nothing more and fails what had not started', async () => {
    const { run, release, state } = jobs();
    const p = new Prefetcher(['a', 'b', 'c'], run, { concurrency: 1, lookahead: Infinity });
    const a = p.get('a');
    const c = p.whenDone('c');
    p.stop('run ended');
    release.get('a')!();
    await expect(a).resolves.toBe('a');
    await expect(c).rejects.toThrow('run ended');
    expect(state.order).toEqual(['a']);
  });
});
