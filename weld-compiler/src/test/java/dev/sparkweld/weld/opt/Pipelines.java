package dev.sparkweld.weld.opt;

import dev.sparkweld.weld.conf.PassList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** The pass lists the differential tests try: none, the default, each pass alone, and seeded random ones. */
final class Pipelines {
  private Pipelines() {}

  static List<String> fixed() {
    List<String> out = new ArrayList<>(List.of("none", "default"));
    out.addAll(PassList.NAMES);
    return out;
  }

  /** A random subset of the passes in random order, some repeated. */
  static String random(Random r) {
    List<String> names = new ArrayList<>(PassList.NAMES);
    Collections.shuffle(names, r);
    List<String> picked = new ArrayList<>(names.subList(0, 1 + r.nextInt(names.size())));
    if (r.nextBoolean()) {
      picked.add(picked.get(r.nextInt(picked.size())));
    }
    return String.join(",", picked);
  }
}
