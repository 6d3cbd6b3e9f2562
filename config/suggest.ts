// "Did you mean ...?" for a misspelt key or value: the nearest known word, when it is near enough to
// be a slip of the keyboard rather than another word.

/** Edits from `a` to `b`: insertions, deletions, substitutions, and a swap of neighbours as one (optimal string alignment). */
function editDistance(a: string, b: string): number {
    const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
    for (let i = 1; i <= a.length; i++) {
        for (let j = 1; j <= b.length; j++) {
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
    }
    return d[a.length][b.length];
}

/**
 * The candidate `word` most likely misspells (case ignored), or undefined: at most two edits, and
 * fewer than a third of the word's letters, so that a short word is not "corrected" into another.
 */
export function closest(word: string, candidates: readonly string[]): string | undefined {
    const limit = Math.min(2, Math.floor(word.length / 3));
    let best: { candidate: string; distance: number } | undefined;
    for (const candidate of candidates) {
        const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
        if (distance <= limit && (!best || distance < best.distance)) best = { candidate, distance };
    }
    return best?.candidate;
}

/** The phrase offering a near candidate, "did you mean <near>? ", or "" without one. */
export const didYouMean = (near: string | undefined, show: (candidate: string) => string = (c) => JSON.stringify(c)) => (near === undefined ? "" : `did you mean ${show(near)}? `);
