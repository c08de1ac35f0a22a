package dev.sparkweld.weld.conf;

import java.util.ArrayList;
import java.util.List;

/**
 * The syntax of {@code weld.optimization.passes}: {@code default}, {@code none}, or pass names separated by commas,
 * in the order they run (a name may repeat). Checked when the conf is built, so a misspelt pass fails there.
 */
public final class PassList {
  /** Every pass of the optimizer, by name (dev.sparkweld.weld.opt.Passes has the passes themselves). */
  public static final List<String> NAMES = List.of("inline-apply", "inline-let", "inline-zip", "simplify",
      "loop-fusion", "horizontal-fusion", "unroll", "cse", "short-circuit", "predicate", "dense-group-keys",
      "infer-size", "vectorize");

  /**
   * The standard pipeline: inline first so fusion sees whole loops, then fuse, then clean up and lower.
   * {@code horizontal-fusion} is left out for now: the LLVM backend runs a loop over a struct of builders far slower
   * than the separate loops (measured 10x on four aggregates of one f64 column, examples/bin/bench.sh --optimizer),
   * so fusing siblings loses until that lowering improves. It stays available by name.
   */
  public static final List<String> DEFAULT = List.of("inline-apply", "inline-let", "inline-zip", "simplify",
      "loop-fusion", "inline-let", "unroll", "simplify", "cse", "short-circuit", "predicate",
      "dense-group-keys", "infer-size", "vectorize");

  private PassList() {}

  public static String check(String text) {
    names(text);
    return text;
  }

  /** The pass names of a conf value; IllegalArgumentException naming the unknown pass otherwise. */
  public static List<String> names(String text) {
    String t = text.trim();
    if (t.equals("default")) {
      return DEFAULT;
    }
    List<String> out = new ArrayList<>();
    if (t.equals("none") || t.isEmpty()) {
      return out;
    }
    for (String part : t.split(",")) {
      String name = part.trim();
      if (!NAMES.contains(name)) {
        throw new IllegalArgumentException("unknown optimizer pass '" + name + "'; known passes: "
            + String.join(", ", NAMES));
      }
      out.add(name);
    }
    return List.copyOf(out);
  }
}
