package dev.sparkweld.weld.conf;

import java.util.Objects;
import java.util.function.Function;

/**
 * A typed configuration key with its default and documentation. Values arrive as strings (from Spark confs, CLI flags
 * or test files) and are parsed once, on read.
 */
public record ConfKey<T>(String name, T defaultValue, Function<String, T> parser, String doc) {
  public ConfKey {
    Objects.requireNonNull(name);
    Objects.requireNonNull(defaultValue);
    Objects.requireNonNull(parser);
    Objects.requireNonNull(doc);
  }

  public T parse(String text) {
    try {
      return parser.apply(text.trim());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("bad value '" + text + "' for " + name + ": " + e.getMessage(), e);
    }
  }

  public static ConfKey<Integer> ofInt(String name, int dflt, int min, int max, String doc) {
    return new ConfKey<>(name, dflt, s -> {
      int v = Integer.parseInt(s);
      if (v < min || v > max) {
        throw new IllegalArgumentException("must be in [" + min + ", " + max + "]");
      }
      return v;
    }, doc);
  }

  public static ConfKey<Long> ofBytes(String name, long dflt, String doc) {
    return new ConfKey<>(name, dflt, ConfKey::parseBytes, doc);
  }

  public static ConfKey<Boolean> ofBool(String name, boolean dflt, String doc) {
    return new ConfKey<>(name, dflt, s -> {
      if (s.equalsIgnoreCase("true")) {
        return true;
      }
      if (s.equalsIgnoreCase("false")) {
        return false;
      }
      throw new IllegalArgumentException("expected true or false");
    }, doc);
  }

  public static ConfKey<String> ofString(String name, String dflt, String doc) {
    return new ConfKey<>(name, dflt, s -> s, doc);
  }

  public static <E extends Enum<E>> ConfKey<E> ofEnum(String name, E dflt, Class<E> type, String doc) {
    return new ConfKey<>(name, dflt, s -> Enum.valueOf(type, s.toUpperCase(java.util.Locale.ROOT)), doc);
  }

  /** Parses sizes like {@code 512}, {@code 64k}, {@code 256m}, {@code 4g} (binary units). */
  public static long parseBytes(String s) {
    String t = s.trim().toLowerCase(java.util.Locale.ROOT);
    long mult = 1;
    if (t.endsWith("b")) {
      t = t.substring(0, t.length() - 1);
    }
    if (t.endsWith("k")) {
      mult = 1L << 10;
    } else if (t.endsWith("m")) {
      mult = 1L << 20;
    } else if (t.endsWith("g")) {
      mult = 1L << 30;
    } else if (t.endsWith("t")) {
      mult = 1L << 40;
    }
    if (mult != 1) {
      t = t.substring(0, t.length() - 1);
    }
    long v = Long.parseLong(t.trim());
    if (v < 0) {
      throw new IllegalArgumentException("negative size");
    }
    return Math.multiplyExact(v, mult);
  }
}
