// What the workflows share.
export function since(start: number): number {
  return Math.round(performance.now() - start);
}
