/** Sorted partition numbers as runs: [0,1,2,5,7,8] → "0–2, 5, 7–8" (64 numbers would not fit a table cell). */
export function compressRanges(partitions: readonly number[]): string {
  const sorted = [...partitions].sort((a, b) => a - b);
  const runs: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    runs.push(j === i ? String(sorted[i]) : `${sorted[i]}–${sorted[j]}`);
    i = j + 1;
  }
  return runs.join(', ');
}
