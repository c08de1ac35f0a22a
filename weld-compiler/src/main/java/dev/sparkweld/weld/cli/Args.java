package dev.sparkweld.weld.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The command line of one subcommand: options ({@code --name value}, repeatable ones collected in order, flags
 * without a value) and positional words. Anything else is a usage error naming the subcommand's options.
 */
final class Args {
  private final Map<String, List<String>> options = new LinkedHashMap<>();
  private final List<String> positional = new ArrayList<>();

  private Args() {}

  static Args parse(String command, List<String> words, Set<String> valued, Set<String> flags) {
    Args a = new Args();
    boolean onlyPositional = false;
    for (int i = 0; i < words.size(); i++) {
      String w = words.get(i);
      if (onlyPositional || !w.startsWith("--") || w.equals("-")) {
        a.positional.add(w);
      } else if (w.equals("--")) {
        onlyPositional = true;
      } else {
        String name = w;
        String value = null;
        int eq = w.indexOf('=');
        if (eq > 0) {
          name = w.substring(0, eq);
          value = w.substring(eq + 1);
        }
        if (flags.contains(name) && value == null) {
          a.options.computeIfAbsent(name, k -> new ArrayList<>()).add("true");
        } else if (valued.contains(name)) {
          if (value == null) {
            if (i + 1 >= words.size()) {
              throw CliException.usage("%s: option %s needs a value", command, name);
            }
            value = words.get(++i);
          }
          a.options.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        } else {
          List<String> known = new ArrayList<>(valued);
          known.addAll(flags);
          known.sort(null);
          throw CliException.usage("%s: unknown option %s (options: %s)", command, name,
              known.isEmpty() ? "none" : String.join(" ", known));
        }
      }
    }
    return a;
  }

  List<String> positional() {
    return positional;
  }

  List<String> all(String option) {
    return options.getOrDefault(option, List.of());
  }

  String one(String option, String dflt) {
    List<String> v = all(option);
    return v.isEmpty() ? dflt : v.get(v.size() - 1);
  }

  boolean flag(String option) {
    return options.containsKey(option);
  }
}
