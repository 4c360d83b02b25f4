package org.crystograph.benchmark;

/**
 * The 32-bit Mersenne Twister MT19937 (Matsumoto and Nishimura 1998) with the classic {@code init_genrand} seeding,
 * plus numpy's legacy bounded-integer draw. Together they reproduce {@code numpy.random.RandomState(seed).shuffle}
 * exactly, which scikit-learn's shuffled {@code KFold} uses.
 *
 * <p>Not thread-safe; one instance per shuffle.
 */
public final class Mt19937 {

    private static final int STATE_SIZE = 624;
    private static final int SHIFT_SIZE = 397;
    private static final int MATRIX_A = 0x9908b0df;
    private static final int UPPER_MASK = 0x80000000;
    private static final int LOWER_MASK = 0x7fffffff;
    private static final int INIT_MULTIPLIER = 1812433253;
    private static final int TEMPER_B = 0x9d2c5680;
    private static final int TEMPER_C = 0xefc60000;
    private static final long UINT32_MASK = 0xffffffffL;

    private final int[] state = new int[STATE_SIZE];
    private int index;

    /**
     * Seeds the generator with {@code init_genrand(seed)}, as numpy's legacy {@code RandomState(int)} does.
     *
     * @param seed seed in [0, 2^32)
     */
    public Mt19937(long seed) {
        if (seed < 0 || seed > UINT32_MASK) {
            throw new IllegalArgumentException("seed must be in [0, 2^32), got " + seed);
        }
        state[0] = (int) seed;
        for (int i = 1; i < STATE_SIZE; i++) {
            state[i] = INIT_MULTIPLIER * (state[i - 1] ^ (state[i - 1] >>> 30)) + i;
        }
        index = STATE_SIZE;
    }

    /** The next tempered 32-bit output, as an unsigned value in a long. */
    public long nextUint32() {
        if (index >= STATE_SIZE) {
            regenerate();
        }
        int y = state[index++];
        y ^= y >>> 11;
        y ^= (y << 7) & TEMPER_B;
        y ^= (y << 15) & TEMPER_C;
        y ^= y >>> 18;
        return y & UINT32_MASK;
    }

    /**
     * numpy's legacy bounded draw (rejection sampling with a bit mask): a uniform integer in [0, max].
     *
     * @param max inclusive upper bound in [0, 2^32)
     */
    public long bounded(long max) {
        if (max < 0 || max > UINT32_MASK) {
            throw new IllegalArgumentException("max must be in [0, 2^32), got " + max);
        }
        if (max == 0) {
            return 0;
        }
        long mask = max;
        mask |= mask >>> 1;
        mask |= mask >>> 2;
        mask |= mask >>> 4;
        mask |= mask >>> 8;
        mask |= mask >>> 16;
        long value;
        do {
            value = nextUint32() & mask;
        } while (value > max);
        return value;
    }

    /**
     * Shuffles {@code a} in place exactly like numpy's legacy {@code RandomState.shuffle}: for i from n-1 down to 1,
     * swap a[i] with a[bounded(i)].
     */
    public void shuffle(int[] a) {
        for (int i = a.length - 1; i >= 1; i--) {
            int j = (int) bounded(i);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    private void regenerate() {
        int k = 0;
        for (; k < STATE_SIZE - SHIFT_SIZE; k++) {
            int y = (state[k] & UPPER_MASK) | (state[k + 1] & LOWER_MASK);
            state[k] = state[k + SHIFT_SIZE] ^ (y >>> 1) ^ ((y & 1) != 0 ? MATRIX_A : 0);
        }
        for (; k < STATE_SIZE - 1; k++) {
            int y = (state[k] & UPPER_MASK) | (state[k + 1] & LOWER_MASK);
            state[k] = state[k + (SHIFT_SIZE - STATE_SIZE)] ^ (y >>> 1) ^ ((y & 1) != 0 ? MATRIX_A : 0);
        }
        int y = (state[STATE_SIZE - 1] & UPPER_MASK) | (state[0] & LOWER_MASK);
        state[STATE_SIZE - 1] = state[SHIFT_SIZE - 1] ^ (y >>> 1) ^ ((y & 1) != 0 ? MATRIX_A : 0);
        index = 0;
    }
}
