/** Candidates in the order to try them: by pixel count, largest or smallest first. */
export function bySize<T extends { width: number; height: number }>(candidates: readonly T[], preferLargest: boolean): T[] {
  const sign = preferLargest ? -1 : 1;
  return [...candidates].sort((a, b) => sign * (a.width * a.height - b.width * b.height));
}
