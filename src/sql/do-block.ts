// Anonymous PL/pgSQL blocks, for statements that decide at run time (a guard, a rename only where a name is held).

/** `DO` with the body dollar-quoted under a tag the body does not contain. */
export function doBlock(lines: readonly string[]): string {
  const body = lines.join('\n');
  let tag = '$sfm$';
  for (let n = 1; body.includes(tag); n++) tag = `$sfm${n}$`;
  return `DO ${tag} ${body} ${tag}`;
}
