// The few jStat distributions the experiment statistics use (jstat ships no types).
declare module 'jstat' {
  interface Continuous {
    cdf(x: number, ...params: number[]): number;
    pdf(x: number, ...params: number[]): number;
    inv(p: number, ...params: number[]): number;
  }
  export const jStat: { normal: Continuous; chisquare: Continuous; beta: Continuous };
}
