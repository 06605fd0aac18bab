// The jStat functions the experiment statistics use (jstat ships no types).
declare module 'jstat' {
  interface Continuous {
    cdf(x: number, ...params: number[]): number;
    pdf(x: number, ...params: number[]): number;
    inv(p: number, ...params: number[]): number;
  }
  interface Discrete {
    pdf(k: number, ...params: number[]): number;
    cdf(k: number, ...params: number[]): number;
  }
  export const jStat: {
    normal: Continuous;
    chisquare: Continuous;
    beta: Continuous;
    studentt: Continuous;
    hypgeom: Discrete;
    erfc(x: number): number;
    gammaln(x: number): number;
    betaln(a: number, b: number): number;
    lowRegGamma(a: number, x: number): number;
  };
}
