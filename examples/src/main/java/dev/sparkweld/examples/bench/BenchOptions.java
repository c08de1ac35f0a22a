package dev.sparkweld.examples.bench;

import dev.sparkweld.weld.conf.WeldConf;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Command-line options, each also settable as a system property {@code bench.<name>} (arguments win):
 * {@code --n}, {@code --reps}, {@code --warmup}, {@code --seed}, {@code --only a,b}, {@code --threads N} (Weld's
 * parallel loops on N threads: {@code weld.threads}; without N the machine's cores), {@code --gcc false}, {@code --keep-c true}, {@code --dump-dir DIR} and
 * repeatable {@code --conf weld.key=value}.
 */
record BenchOptions(long n, int reps, int warmup, long seed, List<String> only, Integer threads, boolean gcc,
    boolean keepC, WeldConf conf) {
  private static final List<String> NAMES = List.of("n", "reps", "warmup", "seed", "only", "threads", "gcc",
      "keep-c", "dump-dir", "conf");

  static BenchOptions parse(String[] args) {
    Map<String, String> v = new LinkedHashMap<>();
    List<String> confs = new ArrayList<>();
    for (String name : NAMES) {
      String p = System.getProperty("bench." + name);
      if (p != null) {
        if (name.equals("conf")) {
          confs.addAll(List.of(p.split(",")));
        } else {
          v.put(name, p);
        }
      }
    }
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (!a.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument " + a + "; options are --" + String.join(", --", NAMES));
      }
      String name = a.substring(2);
      String value;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      } else if (name.equals("threads") && (i + 1 >= args.length || args[i + 1].startsWith("--"))) {
        value = "0";
      } else {
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(a + " needs a value");
        }
        value = args[++i];
      }
      if (!NAMES.contains(name)) {
        throw new IllegalArgumentException("unknown option --" + name + "; options are --" + String.join(", --", NAMES));
      }
      if (name.equals("conf")) {
        confs.add(value);
      } else {
        v.put(name, value);
      }
    }
    WeldConf conf = WeldConf.defaults();
    for (String c : confs) {
      int eq = c.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException("--conf expects key=value, got " + c);
      }
      conf = conf.withText(WeldConf.KEYS.stream().filter(k -> k.name().equals(c.substring(0, eq).trim()))
          .findFirst().orElseThrow(() -> new IllegalArgumentException("unknown Weld key " + c)), c.substring(eq + 1));
    }
    if (v.containsKey("threads")) {
      conf = conf.with(WeldConf.THREADS, Integer.valueOf(v.get("threads")));
    }
    if (v.containsKey("dump-dir")) {
      conf = conf.with(WeldConf.DUMP_DIR, v.get("dump-dir"));
    }
    String only = v.getOrDefault("only", "");
    return new BenchOptions(
        Long.parseLong(v.getOrDefault("n", "10000000").replace("_", "")),
        Integer.parseInt(v.getOrDefault("reps", "7")),
        Integer.parseInt(v.getOrDefault("warmup", "3")),
        Long.parseLong(v.getOrDefault("seed", "42")),
        only.isBlank() ? List.of() : List.of(only.split(",")),
        v.containsKey("threads") ? Integer.valueOf(v.get("threads")) : null,
        Boolean.parseBoolean(v.getOrDefault("gcc", "true")),
        Boolean.parseBoolean(v.getOrDefault("keep-c", "false")),
        conf);
  }
}
