package dev.sparkweld.examples.bench;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The gcc baseline: a C program per kernel, written to a temp dir, compiled with {@code gcc -O3 -march=native} and run
 * as a subprocess. {@code -ffp-contract=off} because gcc otherwise fuses {@code s += a * b} into an FMA, which rounds
 * differently from the Java and Weld code (LLVM does not contract without fast-math flags). The program generates its own input with the same splitmix64 draws (passing 300 MB through a pipe
 * would measure the pipe), times its own repetitions and prints its best and median time and a {@link Summary}.
 */
final class CBaseline {
  /** What one C run reported. */
  record Result(Timings timings, Summary summary) {}

  private final Path gcc;
  private final Path dir;

  private CBaseline(Path gcc, Path dir) {
    this.gcc = gcc;
    this.dir = dir;
  }

  /** A baseline using the first {@code gcc} on PATH, or null if there is none. */
  static CBaseline find(Path dir) {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String d : path.split(File.pathSeparator)) {
      Path p = Path.of(d.isEmpty() ? "." : d, "gcc");
      if (Files.isExecutable(p)) {
        return new CBaseline(p, dir);
      }
    }
    return null;
  }

  String version() throws IOException, InterruptedException {
    return run(List.of(gcc.toString(), "--version"), 60).split("\n", 2)[0];
  }

  Result measure(Kernel k, long n, int warmup, int reps, long seed) throws IOException, InterruptedException {
    Path src = dir.resolve(k.name() + ".c");
    Path exe = dir.resolve(k.name());
    Files.writeString(src, program(k), StandardCharsets.UTF_8);
    run(List.of(gcc.toString(), "-O3", "-march=native", "-ffp-contract=off", "-std=gnu11", "-o", exe.toString(),
        src.toString()), 300);
    String out = run(List.of(exe.toString(), Long.toString(n), Integer.toString(warmup), Integer.toString(reps),
        Long.toUnsignedString(seed)), 3600);
    Map<String, String> kv = new HashMap<>();
    List<Long> times = new ArrayList<>();
    for (String line : out.split("\n")) {
      String[] f = line.trim().split(" ", 2);
      if (f.length != 2) {
        continue;
      }
      if (f[0].equals("time_ns")) {
        times.add(Long.parseLong(f[1]));
      } else {
        kv.put(f[0], f[1]);
      }
    }
    long[] t = times.stream().mapToLong(Long::longValue).toArray();
    if (t.length != reps || !kv.containsKey("fsum")) {
      throw new IOException("unexpected output of " + exe + ":\n" + out);
    }
    Summary s = new Summary(Long.parseLong(kv.get("count")), Long.parseLong(kv.get("exact")),
        Double.parseDouble(kv.get("fsum")));
    return new Result(new Timings(t), s);
  }

  /** The whole C program: generator, kernel, and a main that times and checks its own repetitions. */
  static String program(Kernel k) {
    List<ColumnSpec> cols = k.columns();
    StringBuilder decl = new StringBuilder();
    StringBuilder gen = new StringBuilder();
    StringBuilder args = new StringBuilder();
    for (int j = 0; j < cols.size(); j++) {
      String t = cols.get(j).type().c;
      decl.append("  ").append(t).append("* c").append(j).append(" = malloc(n * sizeof(").append(t)
          .append(") + 8);\n");
      gen.append("    r = sm_next(); c").append(j).append("[i] = ").append(cols.get(j).cExpr()).append(";\n");
      args.append("c").append(j).append(", ");
    }
    return "#include <stdint.h>\n#include <stdio.h>\n#include <stdlib.h>\n#include <string.h>\n#include <time.h>\n"
        + SplitMix64.C_SOURCE
        + "typedef struct { int64_t count; int64_t exact; double fsum; } summary_t;\n"
        + "/* kernel " + k.name() + " */\n"
        + k.cKernel()
        + "static int64_t now_ns(void) {\n"
        + "  struct timespec ts; clock_gettime(CLOCK_MONOTONIC, &ts);\n"
        + "  return (int64_t) ts.tv_sec * 1000000000 + ts.tv_nsec;\n"
        + "}\n"
        + "int main(int argc, char** argv) {\n"
        + "  if (argc != 5) { fprintf(stderr, \"usage: n warmup reps seed\\n\"); return 2; }\n"
        + "  int64_t n = atoll(argv[1]); int warm = atoi(argv[2]); int reps = atoi(argv[3]);\n"
        + "  sm_state = strtoull(argv[4], 0, 10);\n"
        + decl
        + "  for (int64_t i = 0; i < n; i++) {\n"
        + "    uint64_t r;\n"
        + gen
        + "  }\n"
        + "  summary_t first; int have = 0;\n"
        + "  for (int k = 0; k < warm + reps; k++) {\n"
        + "    int64_t t0 = now_ns();\n"
        + "    result_t res = run_kernel(" + args + "n);\n"
        + "    int64_t t1 = now_ns();\n"
        + "    summary_t s; memset(&s, 0, sizeof s); summarize(res, n, &s); release(res);\n"
        + "    if (!have) { first = s; have = 1; }\n"
        + "    else if (s.count != first.count || s.exact != first.exact || s.fsum != first.fsum) {\n"
        + "      fprintf(stderr, \"results differ between repetitions\\n\"); return 3;\n"
        + "    }\n"
        + "    if (k >= warm) printf(\"time_ns %lld\\n\", (long long) (t1 - t0));\n"
        + "  }\n"
        + "  printf(\"count %lld\\nexact %lld\\nfsum %.17g\\n\", (long long) first.count, (long long) first.exact,"
        + " first.fsum);\n"
        + "  return 0;\n"
        + "}\n";
  }

  private static String run(List<String> cmd, long timeoutSeconds) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("timed out: " + String.join(" ", cmd));
    }
    String text = new String(out, StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      throw new IOException("exit " + p.exitValue() + " from " + String.join(" ", cmd) + ":\n" + text);
    }
    return text;
  }
}
