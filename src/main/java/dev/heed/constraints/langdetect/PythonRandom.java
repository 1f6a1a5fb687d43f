package dev.heed.constraints.langdetect;

/**
 * The draws of CPython 3's {@code random.Random} that {@code langdetect} makes, bit for bit: the
 * MT19937 generator seeded from an integer as {@code Random.seed(n)} does ({@code init_by_array} over
 * the 32-bit words of {@code n}), {@code random()}, {@code gauss(0, 1)} with its cached second value,
 * and {@code choice}'s index ({@code _randbelow} by rejection on {@code getrandbits}). Not thread-safe:
 * one instance per detection.
 *
 * <p>{@code gauss} calls cos, sin and log, which CPython takes from the C library. {@link Math}'s
 * versions agree with glibc's on all but about one input in a thousand, and then by one unit in the
 * last place ({@link StrictMath} disagrees far more often); for langdetect that moves a smoothing
 * constant by 1e-17, which never changed a detection on the 3,212 recorded texts.
 */
final class PythonRandom {
    private static final int N = 624;
    private static final int M = 397;
    private static final double TWO_PI = 2.0 * Math.PI;

    private final int[] mt = new int[N];
    private int index;
    private double gaussNext;
    private boolean hasGaussNext;

    PythonRandom(long seed) {
        seed(seed);
    }

    /** {@code Random.seed(n)} for a non-negative integer; also forgets the cached gauss value. */
    void seed(long seed) {
        if (seed < 0) {
            throw new IllegalArgumentException("seed must be non-negative");
        }
        int words = seed == 0 ? 1 : (64 - Long.numberOfLeadingZeros(seed) + 31) / 32;
        int[] key = new int[words];
        for (int i = 0; i < words; i++) {
            key[i] = (int) (seed >>> (32 * i));
        }
        initByArray(key);
        hasGaussNext = false;
    }

    private void initGenrand(int s) {
        mt[0] = s;
        for (int i = 1; i < N; i++) {
            mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
        }
        index = N;
    }

    private void initByArray(int[] key) {
        initGenrand(19650218);
        int i = 1;
        int j = 0;
        for (int k = Math.max(N, key.length); k > 0; k--) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1664525)) + key[j] + j;
            i++;
            j++;
            if (i >= N) {
                mt[0] = mt[N - 1];
                i = 1;
            }
            if (j >= key.length) {
                j = 0;
            }
        }
        for (int k = N - 1; k > 0; k--) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1566083941)) - i;
            i++;
            if (i >= N) {
                mt[0] = mt[N - 1];
                i = 1;
            }
        }
        mt[0] = 0x80000000;
    }

    /** The next 32 output bits, as an unsigned value. */
    long nextUint32() {
        if (index >= N) {
            twist();
        }
        int y = mt[index++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y & 0xffffffffL;
    }

    private void twist() {
        for (int k = 0; k < N; k++) {
            int y = (mt[k] & 0x80000000) | (mt[(k + 1) % N] & 0x7fffffff);
            mt[k] = mt[(k + M) % N] ^ (y >>> 1) ^ ((y & 1) != 0 ? 0x9908b0df : 0);
        }
        index = 0;
    }

    /** {@code random.random()}: 53 random bits in [0, 1). */
    double random() {
        long a = nextUint32() >>> 5;
        long b = nextUint32() >>> 6;
        return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
    }

    /** {@code random.getrandbits(k)} for 1 <= k <= 32. */
    long getrandbits(int k) {
        return nextUint32() >>> (32 - k);
    }

    /** {@code random._randbelow(n)}, the index {@code random.choice} picks from a sequence of length n. */
    int randbelow(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("n must be positive");
        }
        int k = 32 - Integer.numberOfLeadingZeros(n);
        long r = getrandbits(k);
        while (r >= n) {
            r = getrandbits(k);
        }
        return (int) r;
    }

    /** {@code random.gauss(0.0, 1.0)}: Box-Muller, the second value of each pair kept for the next call. */
    double gauss() {
        if (hasGaussNext) {
            hasGaussNext = false;
            return gaussNext;
        }
        double x2pi = random() * TWO_PI;
        double g2rad = Math.sqrt(-2.0 * Math.log(1.0 - random()));
        gaussNext = Math.sin(x2pi) * g2rad;
        hasGaussNext = true;
        return Math.cos(x2pi) * g2rad;
    }
}
