package dev.sparkweld.examples.bench;

/**
 * splitmix64 (Steele, Lea, Flood 2014): the generator of every input, written out identically in C
 * ({@link #C_SOURCE}) so that the gcc baseline generates bit-identical data itself instead of reading a 300 MB file.
 */
final class SplitMix64 {
  static final String C_SOURCE = ""
      + "static uint64_t sm_state;\n"
      + "static inline uint64_t sm_next(void) {\n"
      + "  uint64_t z = (sm_state += 0x9E3779B97F4A7C15ull);\n"
      + "  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;\n"
      + "  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;\n"
      + "  return z ^ (z >> 31);\n"
      + "}\n";

  private long state;

  SplitMix64(long seed) {
    this.state = seed;
  }

  long next() {
    long z = (state += 0x9E3779B97F4A7C15L);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
