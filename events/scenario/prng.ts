// Seeded randomness for the scenario: the same seed always yields the same audit log.

/** Characters Kubernetes uses for generated name suffixes (`k8s.io/apimachinery/pkg/util/rand`). */
const K8S_SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** Mixes a seed with extra integers into one 32-bit seed (splitmix-style finaliser). */
export function mixSeed(seed: number, ...more: number[]): number {
  let h = seed >>> 0;
  for (const m of more) {
    h = Math.imul(h ^ (m >>> 0), 0x9e3779b1) >>> 0;
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b) >>> 0;
    h ^= h >>> 13;
  }
  return h >>> 0;
}

/** sfc32: small, fast and good enough for synthetic data; never for secrets. */
export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = seed >>> 0;
    for (let i = 0; i < 16; i++) this.next();
  }

  /** A float in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both ends included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Roughly normal jitter around `mean` (sum of three uniforms), never below `min`. */
  around(mean: number, spread: number, min = 0): number {
    const u = (this.next() + this.next() + this.next()) / 3 - 0.5;
    return Math.max(min, Math.round(mean + u * 2 * spread));
  }

  hex(length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += Math.floor(this.next() * 16).toString(16);
    return out;
  }

  /** An RFC 4122 version 4 UUID (version nibble 4, variant bits 10). */
  uuid(): string {
    const h = this.hex(32).split('');
    h[12] = '4';
    h[16] = ((parseInt(h[16] as string, 16) & 0x3) | 0x8).toString(16);
    const s = h.join('');
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
  }

  /** A generated-name suffix like the apiserver's (`web-7d9c6b8f5-` + `x2k9p`). */
  suffix(length = 5): string {
    let out = '';
    for (let i = 0; i < length; i++) out += K8S_SUFFIX_ALPHABET[Math.floor(this.next() * K8S_SUFFIX_ALPHABET.length)];
    return out;
  }

  /** A pod-template-hash style label value (10 characters of the same alphabet). */
  templateHash(): string {
    return this.suffix(10);
  }
}
