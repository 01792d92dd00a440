/**
 * `src/labbook_random.py`: the Labbook's seeded generator (sfc32 seeded through splitmix32,
 * src/lib/data/random.ts) and its shuffled k-fold (src/lib/train/cv.ts), in Python. Integer
 * arithmetic only, so the folds are the Labbook's to the row; the project's tests check the
 * first draws against values the Labbook computed at export.
 */
export const RANDOM_PY = `"""The Labbook's seeded random numbers and k-fold split, so cross-validation uses its folds."""
import numpy as np

MASK = 0xFFFFFFFF


def _imul(a, b):
    return (a * b) & MASK


def _splitmix32(seed):
    state = seed & MASK

    def step():
        nonlocal state
        state = (state + 0x9E3779B9) & MASK
        z = state
        z = _imul(z ^ (z >> 16), 0x85EBCA6B)
        z = _imul(z ^ (z >> 13), 0xC2B2AE35)
        return (z ^ (z >> 16)) & MASK

    return step


def sfc32(seed):
    """The raw stream of unsigned 32-bit integers for a seed (reduced to 32 bits)."""
    mix = _splitmix32(int(seed))
    a, b, c, d = mix(), mix(), mix(), 1

    def step():
        nonlocal a, b, c, d
        t = (((a + b) & MASK) + d) & MASK
        d = (d + 1) & MASK
        a = b ^ (b >> 9)
        b = (c + (c << 3)) & MASK
        c = ((c << 21) | (c >> 11)) & MASK
        c = (c + t) & MASK
        return t

    for _ in range(12):
        step()
    return step


class Rng:
    def __init__(self, seed):
        self._raw = sfc32(seed)

    def next(self):
        return self._raw() / 4294967296

    def int(self, lo, hi):
        """An integer in [lo, hi], inclusive."""
        return lo + int(np.floor(self.next() * (hi - lo + 1)))


def kfold(n, k, seed):
    """The Labbook's k folds of 0..n-1, shuffled by its generator: a list of (train, test)."""
    rng = Rng(seed)
    order = list(range(n))
    for i in range(n - 1, 0, -1):
        j = rng.int(0, i)
        order[i], order[j] = order[j], order[i]
    folds = []
    start = 0
    for f in range(k):
        size = n // k + (1 if f < n % k else 0)
        test = order[start : start + size]
        train = order[:start] + order[start + size :]
        folds.append((np.array(train), np.array(test)))
        start += size
    return folds
`;
