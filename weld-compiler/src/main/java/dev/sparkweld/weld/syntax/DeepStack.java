package dev.sparkweld.weld.syntax;

import java.util.function.Supplier;

/**
 * Runs recursive tree work that may need more stack than the caller's thread has. The common case runs directly; on
 * {@link StackOverflowError} the work is redone once on a thread with a large stack. Parsed trees are at most
 * {@link TokenStream#MAX_DEPTH} deep, but a default 1 MB thread stack holds only about half of that in the parser.
 */
final class DeepStack {
  /** Reserved, not committed: the operating system only backs the pages actually used. */
  static final long STACK_BYTES = 512L << 20;

  private DeepStack() {}

  static <T> T call(Supplier<T> first, Supplier<T> retry) {
    try {
      return first.get();
    } catch (StackOverflowError e) {
      return onLargeStack(retry);
    }
  }

  static <T> T call(Supplier<T> work) {
    return call(work, work);
  }

  private static <T> T onLargeStack(Supplier<T> work) {
    Object[] result = new Object[1];
    Throwable[] failure = new Throwable[1];
    Thread t = new Thread(null, () -> {
      try {
        result[0] = work.get();
      } catch (Throwable e) {
        failure[0] = e;
      }
    }, "weld-deep-stack", STACK_BYTES);
    t.setDaemon(true);
    t.start();
    boolean interrupted = false;
    while (true) {
      try {
        t.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (failure[0] instanceof RuntimeException r) {
      throw r;
    }
    if (failure[0] instanceof Error err) {
      throw err;
    }
    if (failure[0] != null) {
      throw new IllegalStateException(failure[0]);
    }
    @SuppressWarnings("unchecked")
    T value = (T) result[0];
    return value;
  }
}
