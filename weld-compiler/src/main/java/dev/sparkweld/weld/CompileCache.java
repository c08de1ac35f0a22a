package dev.sparkweld.weld;

import dev.sparkweld.runtime.llvm.Llvm;
import dev.sparkweld.weld.conf.WeldConf;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Compiled programs of this JVM, keyed by canonical program text (the typed program as printed, so spelling and
 * whitespace do not matter), the configuration and the host CPU. Concurrent requests for one key compile once; a
 * failed compile is remembered and rethrown without compiling again. Least recently used entries are evicted beyond
 * {@code weld.compile.cache.size}.
 */
final class CompileCache {
  record Key(String canonicalProgram, WeldConf conf, String cpu) {}

  private static final String CPU = Llvm.hostCpu() + " " + Llvm.hostFeatures();
  private final LinkedHashMap<Key, CompletableFuture<CompiledProgram>> entries = new LinkedHashMap<>(16, 0.75f, true);
  private long hits;
  private long misses;

  /** The thread count is a run-time setting (the context's), so programs differing only in it share their code. */
  static Key key(String canonicalProgram, WeldConf conf) {
    return new Key(canonicalProgram, conf.without(WeldConf.THREADS), CPU);
  }

  /** A retained program for {@code key}: the caller releases it. */
  CompiledProgram get(Key key, int capacity, Supplier<CompiledProgram> compile) {
    if (capacity == 0) {
      return compile.get();
    }
    CompletableFuture<CompiledProgram> future;
    boolean mine = false;
    synchronized (this) {
      future = entries.get(key);
      if (future == null) {
        future = new CompletableFuture<>();
        entries.put(key, future);
        mine = true;
        misses++;
        evict(capacity);
      } else {
        hits++;
      }
    }
    if (mine) {
      try {
        future.complete(compile.get());
      } catch (RuntimeException | Error e) {
        future.completeExceptionally(e);
      }
    }
    CompiledProgram p;
    try {
      p = future.join();
    } catch (java.util.concurrent.CompletionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      throw (Error) cause;
    }
    if (!p.retain()) {
      // Evicted and freed between join and retain: compile afresh, outside the cache.
      return compile.get();
    }
    return p;
  }

  /** The cached program for {@code key}, retained, or null if it is not cached (or failed, or is still compiling). */
  CompiledProgram peek(Key key) {
    CompletableFuture<CompiledProgram> f;
    synchronized (this) {
      f = entries.get(key);
      if (f == null || !f.isDone() || f.isCompletedExceptionally()) {
        return null;
      }
      hits++;
    }
    CompiledProgram p = f.join();
    return p.retain() ? p : null;
  }

  private void evict(int capacity) {
    Iterator<Map.Entry<Key, CompletableFuture<CompiledProgram>>> it = entries.entrySet().iterator();
    while (entries.size() > capacity && it.hasNext()) {
      CompletableFuture<CompiledProgram> f = it.next().getValue();
      if (!f.isDone()) {
        continue;
      }
      it.remove();
      if (!f.isCompletedExceptionally()) {
        f.join().release();
      }
    }
  }

  synchronized long hits() {
    return hits;
  }

  synchronized long misses() {
    return misses;
  }

  synchronized int size() {
    return entries.size();
  }

  /** Drops every entry; programs still held by modules stay alive until those close. */
  synchronized void clear() {
    for (CompletableFuture<CompiledProgram> f : entries.values()) {
      if (f.isDone() && !f.isCompletedExceptionally()) {
        f.join().release();
      }
    }
    entries.clear();
  }
}
