/**
 * A small seeded PRNG for the benchmark corpus: sfc32 (Chris Doty-Humphrey's "small fast
 * counting" generator, 128-bit state, passes PractRand) seeded through splitmix32. The same seed
 * always yields the same corpus, on every machine and Node version: `Math.random` cannot.
 */
export interface Prng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Picks by weight: `[['a', 3], ['b', 1]]` yields 'a' three times as often as 'b'. */
  weighted<T>(items: ReadonlyArray<readonly [T, number]>): T;
  /** Fills `target` with pseudo-random bytes (attachment payloads: incompressible, like real PDFs or JPEGs). */
  fill(target: Uint8Array): void;
}

export function createPrng(seed: number): Prng {
  // splitmix32 spreads a small seed over the 128-bit state.
  let s = seed >>> 0;
  const splitmix = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = splitmix();
  const u32 = () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t;
  };
  for (let i = 0; i < 12; i++) u32(); // discard the first outputs, as sfc32's author recommends

  const next = () => u32() / 4294967296;
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (probability) => next() < probability,
    pick: (items) => items[Math.floor(next() * items.length)]!,
    weighted(items) {
      const total = items.reduce((sum, [, weight]) => sum + weight, 0);
      let roll = next() * total;
      for (const [item, weight] of items) {
        roll -= weight;
        if (roll < 0) return item;
      }
      return items[items.length - 1]![0];
    },
    fill(target) {
      // The sfc32 step inlined over a word view: hundreds of MB of attachments go through here.
      const aligned = target.byteOffset % 4 === 0;
      const words = aligned
        ? new Uint32Array(target.buffer, target.byteOffset, Math.floor(target.length / 4))
        : new Uint32Array(0);
      // Locals, not the closure's variables: V8 keeps these in registers.
      let [sa, sb, sc, sd] = [a, b, c, d];
      for (let i = 0; i < words.length; i++) {
        const t = (((sa + sb) >>> 0) + sd) >>> 0;
        sd = (sd + 1) >>> 0;
        sa = sb ^ (sb >>> 9);
        sb = (sc + (sc << 3)) >>> 0;
        sc = (sc << 21) | (sc >>> 11);
        sc = (sc + t) >>> 0;
        words[i] = t;
      }
      [a, b, c, d] = [sa, sb, sc, sd];
      for (let i = words.length * 4; i < target.length; i++) target[i] = u32() & 0xff;
    },
  };
}
