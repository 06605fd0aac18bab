import { describe, expect, it } from 'vitest';
import { twoProportionPValue } from './classic';
import { mixingScale, msprt, proportionDifference } from './sequential';

/** mulberry32: a small seeded PRNG, so the simulation is the same on every run. */
function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('peeking at A/A experiments', () => {
  it('1,000 A/A experiments looked at 20 times: always-valid FPR ≤ 5%, classic above it', () => {
    const random = mulberry32(20261202);
    const experiments = 1000;
    const looks = 20;
    const perLook = 250;
    const rate = 0.1;
    const tau = mixingScale(rate, 0.1);
    let classic = 0;
    let valid = 0;
    for (let x = 0; x < experiments; x++) {
      let n = 0;
      let a = 0;
      let b = 0;
      let classicHit = false;
      let validHit = false;
      for (let look = 0; look < looks; look++) {
        for (let i = 0; i < perLook; i++) {
          if (random() < rate) a++;
          if (random() < rate) b++;
        }
        n += perLook;
        // A marketer checks the report after every batch and stops at the first "significant".
        if (twoProportionPValue(b, n, a, n) < 0.05) classicHit = true;
        const d = proportionDifference(b, n, a, n);
        if (msprt(d.estimate, d.variance, tau).pValue < 0.05) validHit = true;
      }
      if (classicHit) classic++;
      if (validHit) valid++;
    }
    console.log(`A/A peeking, ${experiments} experiments × ${looks} looks: classic FPR ${(classic / experiments) * 100}%, always-valid FPR ${(valid / experiments) * 100}%`);
    expect(valid / experiments).toBeLessThanOrEqual(0.05);
    expect(classic / experiments).toBeGreaterThan(0.05);
  });
});
