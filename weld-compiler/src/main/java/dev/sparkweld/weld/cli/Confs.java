package dev.sparkweld.weld.cli;

import dev.sparkweld.weld.conf.WeldConf;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code --conf weld.key=value} options to a {@link WeldConf}; unknown keys and bad values are usage errors. */
final class Confs {
  private Confs() {}

  static WeldConf of(List<String> pairs) {
    Map<String, String> map = new LinkedHashMap<>();
    for (String pair : pairs) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw CliException.usage("--conf %s: expected weld.key=value", pair);
      }
      map.put(pair.substring(0, eq).strip(), pair.substring(eq + 1));
    }
    try {
      return WeldConf.of(map);
    } catch (IllegalArgumentException e) {
      throw CliException.usage("--conf: %s", e.getMessage());
    }
  }
}
