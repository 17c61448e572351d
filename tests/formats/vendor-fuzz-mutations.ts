/** Deterministic damage to real files for the fuzz tests: truncations and byte flips. */

export interface Mutation {
  label: string;
  bytes: Uint8Array;
}

/** A small linear congruential generator, so every run damages the same bytes. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export function mutationsOf(bytes: Uint8Array, seed: number, flipCount: number): Mutation[] {
  const next = random(seed);
  const mutations: Mutation[] = [];
  for (const length of [0, 1, 7, 100, 523, Math.floor(bytes.length * 0.25), Math.floor(bytes.length * 0.5), bytes.length - 1]) {
    if (length < bytes.length) mutations.push({ label: `truncated to ${length} bytes`, bytes: bytes.subarray(0, length) });
  }
  for (let n = 0; n < flipCount; n++) {
    const copy = Uint8Array.from(bytes);
    const flips = 1 + Math.floor(next() * 8);
    const positions: number[] = [];
    for (let f = 0; f < flips; f++) {
      // Half the flips land in the first 4 KiB, where headers and XML structure live.
      const position = Math.floor(next() < 0.5 ? next() * Math.min(4096, bytes.length) : next() * bytes.length);
      copy[position] ^= 1 + Math.floor(next() * 255);
      positions.push(position);
    }
    mutations.push({ label: `bytes flipped at ${positions.join(', ')}`, bytes: copy });
  }
  return mutations;
}
