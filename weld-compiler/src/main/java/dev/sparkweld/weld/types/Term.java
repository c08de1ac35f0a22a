package dev.sparkweld.weld.types;

import dev.sparkweld.weld.ir.AppenderType;
import dev.sparkweld.weld.ir.BuilderOp;
import dev.sparkweld.weld.ir.DictMergerType;
import dev.sparkweld.weld.ir.DictType;
import dev.sparkweld.weld.ir.FunctionType;
import dev.sparkweld.weld.ir.GroupMergerType;
import dev.sparkweld.weld.ir.MergerType;
import dev.sparkweld.weld.ir.ScalarKind;
import dev.sparkweld.weld.ir.ScalarType;
import dev.sparkweld.weld.ir.SimdType;
import dev.sparkweld.weld.ir.StructType;
import dev.sparkweld.weld.ir.Type;
import dev.sparkweld.weld.ir.TypeVisitor;
import dev.sparkweld.weld.ir.UnknownType;
import dev.sparkweld.weld.ir.VecMergerType;
import dev.sparkweld.weld.ir.VecType;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A type term for unification: either a type variable (a union-find node) or a constructor {@link Head} applied to
 * argument terms. {@link Type} is immutable and has no variables, so inference works on terms and converts back.
 */
final class Term {
  /** Constructor tags; scalar kind, builder op and arity complete the {@link Head}. */
  enum Tag { SCALAR, SIMD, VEC, DICT, STRUCT, FUNCTION, APPENDER, MERGER, DICTMERGER, GROUPMERGER, VECMERGER }

  /** A type constructor. Two heads unify iff equal; {@code arity} is the number of argument terms. */
  record Head(Tag tag, ScalarKind scalar, BuilderOp op, int arity) {
    boolean isBuilder() {
      return tag.compareTo(Tag.APPENDER) >= 0;
    }
  }

  private Term parent;
  // Union by rank between variables keeps find() logarithmic without path compression.
  private int rank;
  private final Head head;
  private final Term[] args;

  private Term(Head head, Term[] args) {
    this.head = head;
    this.args = args;
  }

  static Term var() {
    return new Term(null, new Term[0]);
  }

  static Term con(Tag tag, Term... args) {
    return new Term(new Head(tag, null, null, args.length), args.clone());
  }

  static Term con(Tag tag, List<Term> args) {
    return con(tag, args.toArray(new Term[0]));
  }

  static Term scalar(ScalarKind k) {
    return new Term(new Head(Tag.SCALAR, k, null, 0), new Term[0]);
  }

  static Term simd(ScalarKind k) {
    return new Term(new Head(Tag.SIMD, k, null, 0), new Term[0]);
  }

  static Term builder(Tag tag, BuilderOp op, Term... args) {
    return new Term(new Head(tag, null, op, args.length), args.clone());
  }

  static final Term BOOL = scalar(ScalarKind.BOOL);
  static final Term I8 = scalar(ScalarKind.I8);
  static final Term I32 = scalar(ScalarKind.I32);
  static final Term I64 = scalar(ScalarKind.I64);
  static final Term U8 = scalar(ScalarKind.U8);

  static Term vec(Term elem) {
    return con(Tag.VEC, elem);
  }

  static Term dict(Term key, Term value) {
    return con(Tag.DICT, key, value);
  }

  static Term struct(List<Term> fields) {
    return con(Tag.STRUCT, fields);
  }

  static Term function(List<Term> params, Term result) {
    List<Term> all = new ArrayList<>(params);
    all.add(result);
    return con(Tag.FUNCTION, all);
  }

  /**
   * The representative of this term's equivalence class. No path compression: {@link #unify} undoes its bindings after a
   * failure, and compressed paths could skip an undone binding.
   */
  Term find() {
    Term t = this;
    while (t.parent != null) {
      t = t.parent;
    }
    return t;
  }

  /** The resolved head, or null while this is an unbound variable. */
  Head head() {
    return find().head;
  }

  Tag tag() {
    Head h = head();
    return h == null ? null : h.tag();
  }

  boolean isVar() {
    return head() == null;
  }

  /** The i-th argument of the resolved constructor. */
  Term arg(int i) {
    return find().args[i];
  }

  int arity() {
    return find().args.length;
  }

  /**
   * Makes the two terms equal, binding variables as needed. On failure (different constructors somewhere, or an
   * infinite type) every binding made by this call is undone, so error messages show the types as they were.
   */
  static boolean unify(Term a, Term b) {
    List<Term> trail = new ArrayList<>();
    if (unify(a, b, trail)) {
      return true;
    }
    for (Term bound : trail) {
      bound.parent = null;
    }
    return false;
  }

  private static boolean unify(Term a, Term b, List<Term> trail) {
    Term x = a.find();
    Term y = b.find();
    if (x == y) {
      return true;
    }
    if (x.head == null && y.head == null && x.rank > y.rank) {
      return bind(y, x, trail);
    }
    if (x.head == null) {
      return bind(x, y, trail);
    }
    if (y.head == null) {
      return bind(y, x, trail);
    }
    if (!x.head.equals(y.head)) {
      return false;
    }
    for (int i = 0; i < x.args.length; i++) {
      if (!unify(x.args[i], y.args[i], trail)) {
        return false;
      }
    }
    return true;
  }

  private static boolean bind(Term var, Term target, List<Term> trail) {
    if (occurs(var, target)) {
      return false;
    }
    var.parent = target;
    if (target.head == null && target.rank <= var.rank) {
      target.rank = var.rank + 1;
    }
    trail.add(var);
    return true;
  }

  private static boolean occurs(Term var, Term t) {
    Term r = t.find();
    if (r == var) {
      return true;
    }
    for (Term a : r.args) {
      if (occurs(var, a)) {
        return true;
      }
    }
    return false;
  }

  /** The term for a declared type; each {@code ?} becomes a fresh variable. */
  static Term of(Type t) {
    return t.accept(FROM_TYPE);
  }

  /** The type this term stands for now; unbound variables become {@link UnknownType}. */
  Type toType() {
    return toType(new IdentityHashMap<>());
  }

  // Shared subterms map to shared Type objects, so a type built by repeated pairing stays a DAG in memory.
  private Type toType(Map<Term, Type> memo) {
    Term r = find();
    Type done = memo.get(r);
    if (done != null) {
      return done;
    }
    Type t = r.head == null ? Type.UNKNOWN : r.build(memo);
    memo.put(r, t);
    return t;
  }

  private Type build(Map<Term, Type> memo) {
    List<Type> a = new ArrayList<>(args.length);
    for (Term arg : args) {
      a.add(arg.toType(memo));
    }
    return switch (head.tag()) {
      case SCALAR -> new ScalarType(head.scalar());
      case SIMD -> new SimdType(head.scalar());
      case VEC -> new VecType(a.get(0));
      case DICT -> new DictType(a.get(0), a.get(1));
      case STRUCT -> new StructType(a);
      case FUNCTION -> new FunctionType(a.subList(0, a.size() - 1), a.get(a.size() - 1));
      case APPENDER -> new AppenderType(a.get(0));
      case MERGER -> new MergerType(a.get(0), head.op());
      case DICTMERGER -> new DictMergerType(a.get(0), a.get(1), head.op());
      case GROUPMERGER -> new GroupMergerType(a.get(0), a.get(1));
      case VECMERGER -> new VecMergerType(a.get(0), head.op());
    };
  }

  @Override
  public String toString() {
    return toType().toString();
  }

  private static final TypeVisitor<Term> FROM_TYPE = new TypeVisitor<>() {
    @Override
    public Term visitScalar(ScalarType t) {
      return scalar(t.kind());
    }

    @Override
    public Term visitSimd(SimdType t) {
      return simd(t.elem());
    }

    @Override
    public Term visitVec(VecType t) {
      return con(Tag.VEC, of(t.elem()));
    }

    @Override
    public Term visitDict(DictType t) {
      return con(Tag.DICT, of(t.key()), of(t.value()));
    }

    @Override
    public Term visitStruct(StructType t) {
      return con(Tag.STRUCT, t.fields().stream().map(Term::of).toList());
    }

    @Override
    public Term visitFunction(FunctionType t) {
      List<Term> all = new ArrayList<>();
      t.params().forEach(p -> all.add(of(p)));
      all.add(of(t.result()));
      return con(Tag.FUNCTION, all);
    }

    @Override
    public Term visitUnknown(UnknownType t) {
      return var();
    }

    @Override
    public Term visitAppender(AppenderType t) {
      return builder(Tag.APPENDER, null, of(t.elem()));
    }

    @Override
    public Term visitMerger(MergerType t) {
      return builder(Tag.MERGER, Objects.requireNonNull(t.op()), of(t.elem()));
    }

    @Override
    public Term visitDictMerger(DictMergerType t) {
      return builder(Tag.DICTMERGER, t.op(), of(t.key()), of(t.value()));
    }

    @Override
    public Term visitGroupMerger(GroupMergerType t) {
      return builder(Tag.GROUPMERGER, null, of(t.key()), of(t.value()));
    }

    @Override
    public Term visitVecMerger(VecMergerType t) {
      return builder(Tag.VECMERGER, t.op(), of(t.elem()));
    }
  };
}
