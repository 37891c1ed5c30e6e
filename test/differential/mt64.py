"""The DSL's `random(seed = s, norm = a)` data, rebuilt from its documented
definition (std::mt19937_64, Box-Muller, scaled to operator norm a) so that
the oracle never needs the compiler's numbers.

mt19937_64 is the standard 64-bit Mersenne Twister (Matsumoto & Nishimura,
as specified for std::mt19937_64); selftest() checks the C++ standard's
required value (10000th output of the default seed 5489).
"""

import math

import numpy as np

_N, _M = 312, 156
_MATRIX_A = 0xB5026F5AA96619E9
_UPPER, _LOWER = 0xFFFFFFFF80000000, 0x7FFFFFFF
_MASK = (1 << 64) - 1


class MT19937_64:
    def __init__(self, seed=5489):
        self.mt = [0] * _N
        self.mt[0] = seed & _MASK
        for i in range(1, _N):
            prev = self.mt[i - 1]
            self.mt[i] = (6364136223846793005 * (prev ^ (prev >> 62)) + i) & _MASK
        self.index = _N

    def _twist(self):
        mt = self.mt
        for i in range(_N):
            x = (mt[i] & _UPPER) | (mt[(i + 1) % _N] & _LOWER)
            xa = x >> 1
            if x & 1:
                xa ^= _MATRIX_A
            mt[i] = mt[(i + _M) % _N] ^ xa
        self.index = 0

    def __call__(self):
        if self.index >= _N:
            self._twist()
        y = self.mt[self.index]
        self.index += 1
        y ^= (y >> 29) & 0x5555555555555555
        y ^= (y << 17) & 0x71D67FFFEDA60000
        y ^= (y << 37) & 0xFFF7EEE000000000
        y ^= y >> 43
        return y & _MASK


def random_matrix(seed, norm, rows, cols):
    """rows x cols entries of `random(seed, norm)`; a vector is rows x 1."""
    engine = MT19937_64(seed)
    out = np.empty((rows, cols))
    for i in range(rows):
        for j in range(cols):
            # u in (0, 1]: +1 keeps log(u1) finite.
            u1 = ((engine() >> 11) + 1) * 2.0 ** -53
            u2 = ((engine() >> 11) + 1) * 2.0 ** -53
            out[i, j] = math.sqrt(-2.0 * math.log(u1)) * math.cos(2.0 * math.pi * u2)
    # For a column this 2-norm is the Euclidean norm, as documented.
    current = np.linalg.norm(out, 2)
    return out * (norm / current) if current > 0 else out


def selftest():
    engine = MT19937_64(5489)
    for _ in range(9999):
        engine()
    value = engine()
    assert value == 9981545732273789042, value
    m = random_matrix(3, 0.7, 2, 3)
    assert abs(np.linalg.norm(m, 2) - 0.7) < 1e-12
    v = random_matrix(4, 1.5, 4, 1)
    assert abs(np.linalg.norm(v) - 1.5) < 1e-12
