package dev.sparkweld.examples.bench;

import java.util.Arrays;

/**
 * A {@code long -> double} sum table built like Weld's dictmerger (entries in insertion order, an open-addressing
 * index of entry numbers kept at most half full, murmur3's fmix64 as the hash) so that the Java baseline does the
 * same work and its {@link #toPairs()} equals Weld's {@code tovec} element for element. {@code java.util.HashMap}
 * would measure boxing instead.
 */
final class InsertionOrderedTable {
  private long[] keys = new long[16];
  private double[] values = new double[16];
  private int[] slots = emptySlots(32);
  private int count;

  static long fmix64(long h) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    return h ^ (h >>> 33);
  }

  void add(long key, double value) {
    int mask = slots.length - 1;
    int s = (int) fmix64(key) & mask;
    while (true) {
      int e = slots[s];
      if (e < 0) {
        break;
      }
      if (keys[e] == key) {
        values[e] += value;
        return;
      }
      s = (s + 1) & mask;
    }
    if (count == keys.length) {
      keys = Arrays.copyOf(keys, count * 2);
      values = Arrays.copyOf(values, count * 2);
    }
    keys[count] = key;
    values[count] = value;
    slots[s] = count++;
    if (2 * count > slots.length) {
      rehash(slots.length * 2);
    }
  }

  private void rehash(int capacity) {
    slots = emptySlots(capacity);
    int mask = capacity - 1;
    for (int e = 0; e < count; e++) {
      int s = (int) fmix64(keys[e]) & mask;
      while (slots[s] >= 0) {
        s = (s + 1) & mask;
      }
      slots[s] = e;
    }
  }

  private static int[] emptySlots(int capacity) {
    int[] a = new int[capacity];
    Arrays.fill(a, -1);
    return a;
  }

  /** The entries as exact-size arrays, the way {@code tovec} copies them out. */
  Pairs toPairs() {
    return new Pairs(Arrays.copyOf(keys, count), Arrays.copyOf(values, count));
  }

  record Pairs(long[] keys, double[] values) {
    /** Order-sensitive: a different insertion order is a different {@code tovec} result. */
    Summary summary() {
      long exact = 0;
      double fsum = 0;
      for (int i = 0; i < keys.length; i++) {
        exact += keys[i] * (i + 1);
        fsum += values[i];
      }
      return new Summary(keys.length, exact, fsum);
    }
  }

  /** The same table in C; {@code gb_} prefixed. */
  static final String C_SOURCE = ""
      + "static inline uint64_t fmix64(uint64_t h) {\n"
      + "  h ^= h >> 33; h *= 0xff51afd7ed558ccdull; h ^= h >> 33; h *= 0xc4ceb9fe1a85ec53ull;\n"
      + "  return h ^ (h >> 33);\n"
      + "}\n"
      + "typedef struct { int64_t* keys; double* values; int32_t* slots; int64_t count, cap, nslots; } gb_table;\n"
      + "static void gb_init(gb_table* t) {\n"
      + "  t->cap = 16; t->nslots = 32; t->count = 0;\n"
      + "  t->keys = malloc(16 * sizeof(int64_t)); t->values = malloc(16 * sizeof(double));\n"
      + "  t->slots = malloc(32 * sizeof(int32_t)); memset(t->slots, 0xff, 32 * sizeof(int32_t));\n"
      + "}\n"
      + "static void gb_rehash(gb_table* t, int64_t ns) {\n"
      + "  free(t->slots); t->slots = malloc(ns * sizeof(int32_t)); memset(t->slots, 0xff, ns * sizeof(int32_t));\n"
      + "  t->nslots = ns; uint64_t mask = ns - 1;\n"
      + "  for (int64_t e = 0; e < t->count; e++) {\n"
      + "    uint64_t s = fmix64((uint64_t) t->keys[e]) & mask;\n"
      + "    while (t->slots[s] >= 0) s = (s + 1) & mask;\n"
      + "    t->slots[s] = (int32_t) e;\n"
      + "  }\n"
      + "}\n"
      + "static inline void gb_add(gb_table* t, int64_t key, double value) {\n"
      + "  uint64_t mask = t->nslots - 1; uint64_t s = fmix64((uint64_t) key) & mask;\n"
      + "  for (;;) {\n"
      + "    int32_t e = t->slots[s];\n"
      + "    if (e < 0) break;\n"
      + "    if (t->keys[e] == key) { t->values[e] += value; return; }\n"
      + "    s = (s + 1) & mask;\n"
      + "  }\n"
      + "  if (t->count == t->cap) {\n"
      + "    t->cap *= 2; t->keys = realloc(t->keys, t->cap * sizeof(int64_t));\n"
      + "    t->values = realloc(t->values, t->cap * sizeof(double));\n"
      + "  }\n"
      + "  t->keys[t->count] = key; t->values[t->count] = value; t->slots[s] = (int32_t) t->count++;\n"
      + "  if (2 * t->count > t->nslots) gb_rehash(t, t->nslots * 2);\n"
      + "}\n";
}
