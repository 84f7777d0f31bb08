// "Did you mean" for field names, enum values and kinds.

/** Lower-case and drop `_`/`-` so that `sni_hosts` and `export-to` meet `sniHosts` and `exportTo`. */
function normalize(word: string): string {
  return word.toLowerCase().replace(/[_-]/g, '');
}

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > 8) return Math.max(a.length, b.length);
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => {
    const row = new Array<number>(cols).fill(0);
    row[0] = i;
    return row;
  });
  for (let j = 0; j < cols; j++) d[0][j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[rows - 1][cols - 1];
}

/**
 * Candidates close to `word`, best first. A candidate qualifies when it differs only in
 * case or separators, when one is a prefix of the other (`Destination` → `DestinationRule`),
 * or when the edit distance is small for the word's length.
 */
export function suggest(word: string, candidates: readonly string[], limit = 3): string[] {
  const target = normalize(word);
  if (!target) return [];
  const scored: Array<{ candidate: string; score: number }> = [];
  for (const candidate of candidates) {
    if (candidate === word) continue;
    const normal = normalize(candidate);
    let score: number | undefined;
    if (normal === target) score = 0;
    else if (target.length >= 4 && (normal.startsWith(target) || target.startsWith(normal)) && normal.length >= 3) score = 1.5;
    else {
      const distance = editDistance(target, normal);
      if (distance <= Math.max(1, Math.floor(target.length / 3))) score = distance;
    }
    if (score !== undefined) scored.push({ candidate, score });
  }
  scored.sort((x, y) => x.score - y.score || x.candidate.localeCompare(y.candidate));
  return scored.slice(0, limit).map((entry) => entry.candidate);
}

/** `a`, `a or b`, `a, b or c` with each item in backticks. */
export function listWords(words: readonly string[], conjunction = 'or'): string {
  const quoted = words.map((word) => `\`${word}\``);
  if (quoted.length <= 1) return quoted.join('');
  return `${quoted.slice(0, -1).join(', ')} ${conjunction} ${quoted[quoted.length - 1]}`;
}
