package dev.sparkweld.weld.opt;

import dev.sparkweld.weld.conf.OverflowMode;
import dev.sparkweld.weld.conf.WeldConf;
import dev.sparkweld.weld.ir.Expr;
import dev.sparkweld.weld.ir.Symbol;
import java.util.IdentityHashMap;
import java.util.Map;

/** What passes share during one optimization: the configuration, fresh names and a cache of effect analyses. */
public final class PassContext {
  private final WeldConf conf;
  private final boolean checkedByDefault;
  private final Fresh fresh;
  private final boolean anyCheckedBuilder;
  private final Map<Expr, Boolean> canFail = new IdentityHashMap<>();

  PassContext(WeldConf conf, Expr program) {
    this.conf = conf;
    this.checkedByDefault = conf.get(WeldConf.OVERFLOW) == OverflowMode.CHECK;
    this.fresh = Fresh.of(program);
    this.anyCheckedBuilder = hasCheckAnnotation(program);
  }

  private static boolean hasCheckAnnotation(Expr e) {
    if ("check".equals(e.annotations().values().get("overflow"))) {
      return true;
    }
    for (Expr c : e.children()) {
      if (hasCheckAnnotation(c)) {
        return true;
      }
    }
    return false;
  }

  /** True if some expression of the program is annotated {@code overflow:check} (so some merger may be checked). */
  boolean anyCheckedBuilder() {
    return anyCheckedBuilder;
  }

  public WeldConf conf() {
    return conf;
  }

  /** True when integer arithmetic without an {@code overflow} annotation is checked (weld.overflow=CHECK). */
  public boolean checkedByDefault() {
    return checkedByDefault;
  }

  /** A symbol no binder or reference of the program uses. */
  public Symbol fresh(String base) {
    return fresh.next(base);
  }

  /** True if evaluating {@code e} may raise a runtime error or not terminate (see {@link Effects}). */
  public boolean canFail(Expr e) {
    Boolean known = canFail.get(e);
    if (known == null) {
      known = Effects.canFail(e, this);
      canFail.put(e, known);
    }
    return known;
  }

  /** The opposite of {@link #canFail}: evaluating {@code e} always terminates without error. */
  public boolean total(Expr e) {
    return !canFail(e);
  }
}
