package dev.sparkweld.weld.codegen.llvm;

import static org.bytedeco.llvm.global.LLVM.*;

import dev.sparkweld.weld.ir.AppenderType;
import dev.sparkweld.weld.ir.DictMergerType;
import dev.sparkweld.weld.ir.GroupMergerType;
import dev.sparkweld.weld.ir.MergerType;
import dev.sparkweld.weld.ir.StructType;
import dev.sparkweld.weld.ir.Type;
import dev.sparkweld.weld.ir.VecMergerType;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.llvm.LLVM.LLVMTypeRef;
import org.bytedeco.llvm.LLVM.LLVMValueRef;

/**
 * The builder side of a parallel loop (docs/abi.md, "Parallel loops"): a loop's builder, in memory form, is a tree
 * whose leaves are builders; each leaf kind says what a worker starts from, what it records at the end of each chunk
 * (the chunk's mark) and how the workers' states are combined into the loop's initial builder.
 *
 * <ul>
 *   <li>merger: each chunk starts at the identity; its mark is the chunk's partial result; combine folds the marks
 *       in chunk order.
 *   <li>appender, dictmerger, groupmerger: one state per worker, carried across its chunks (which it claims in
 *       increasing order); the mark is the state's length (elements, entries, merged pairs) after the chunk.
 *       Combine walks the chunks in order and replays each chunk's slice of its worker's state into the initial
 *       builder: appended elements in serial order, dictionary keys in serial first-merge order (a key's entry in a
 *       worker's table belongs to the chunk that first merged it there), group values in serial order.
 *   <li>vecmerger: one identity-filled copy per worker, folded element-wise into the initial vector.
 * </ul>
 * Values of {@code +} and {@code *} mergers on floats are reassociated (per chunk, then across chunks), which the
 * language allows (docs/weld-ir.md 4.5).
 */
final class ParallelBuilders {
  /** A leaf builder at {@code path} (field indices) in the memory form of the loop's builder. */
  private record Leaf(int[] path, Type type, int markField) {}

  private final Emitter em;
  private final Ir ir;
  private final LlvmTypes types;
  private final LLVMTypeRef memType;
  private final List<Leaf> leaves = new ArrayList<>();
  private final LLVMTypeRef markType;
  private final LLVMTypeRef stateType;

  ParallelBuilders(Emitter em, Type builder) {
    this.em = em;
    this.ir = em.ir;
    this.types = em.types;
    this.memType = types.mem(builder);
    collect(builder, new int[0]);
    List<LLVMTypeRef> markFields = new ArrayList<>();
    markFields.add(ir.i64()); // the worker that ran the chunk
    for (Leaf l : leaves) {
      markFields.add(l.type() instanceof MergerType ? types.mem(l.type()) : ir.i64());
    }
    this.markType = ir.struct(markFields.toArray(new LLVMTypeRef[0]));
    this.stateType = ir.struct(ir.i64(), memType);
  }

  static boolean supported(Type t) {
    if (t instanceof StructType s) {
      return !s.fields().isEmpty() && s.fields().stream().allMatch(ParallelBuilders::supported);
    }
    return t instanceof AppenderType || t instanceof MergerType || t instanceof DictMergerType
        || t instanceof GroupMergerType || t instanceof VecMergerType;
  }

  private void collect(Type t, int[] path) {
    if (t instanceof StructType s) {
      for (int i = 0; i < s.fields().size(); i++) {
        int[] p = java.util.Arrays.copyOf(path, path.length + 1);
        p[path.length] = i;
        collect(s.fields().get(i), p);
      }
    } else {
      leaves.add(new Leaf(path, t, leaves.size() + 1));
    }
  }

  /** {present (i64), builder state}: one per participant, zeroed (absent) until its worker finishes. */
  LLVMTypeRef stateType() {
    return stateType;
  }

  /** {worker (i64), one field per leaf}: one per chunk. */
  LLVMTypeRef markType() {
    return markType;
  }

  private LLVMValueRef get(LLVMValueRef agg, Leaf l) {
    LLVMValueRef v = agg;
    for (int i : l.path()) {
      v = ir.extract(v, i);
    }
    return v;
  }

  private LLVMValueRef with(LLVMValueRef agg, int[] path, int depth, LLVMValueRef v) {
    if (depth == path.length) {
      return v;
    }
    return ir.insert(agg, with(ir.extract(agg, path[depth]), path, depth + 1, v), path[depth]);
  }

  private LLVMValueRef with(LLVMValueRef agg, Leaf l, LLVMValueRef v) {
    return with(agg, l.path(), 0, v);
  }

  private LLVMValueRef identity(MergerType m) {
    return types.toMem(new MergeOps(em).identity(m.elem(), m.op()), m);
  }

  // ---- in a worker

  /** A worker's own empty state (leaves that start from the initial builder read its size from {@code init}). */
  LLVMValueRef fresh(LLVMValueRef init, LLVMValueRef grain) {
    LLVMValueRef s = init;
    BuilderCodegen builders = new BuilderCodegen(em);
    for (Leaf l : leaves) {
      Type t = l.type();
      LLVMValueRef v;
      if (t instanceof MergerType m) {
        v = identity(m);
      } else if (t instanceof AppenderType a) {
        v = builders.newAppender(a, grain);
      } else if (t instanceof DictMergerType d) {
        v = new DictCodegen(em).newDict(d.key(), d.value(), ir.i64(0));
      } else if (t instanceof GroupMergerType g) {
        v = new GroupMergerCodegen(em, null).newGroups(g, ir.i64(0));
      } else {
        v = identityCopy((VecMergerType) t, em.vecLen(get(init, l)));
      }
      s = with(s, l, v);
    }
    return s;
  }

  private LLVMValueRef identityCopy(VecMergerType t, LLVMValueRef n) {
    Type et = t.elem();
    LLVMValueRef p = em.alloc(ir.mul(ir.select(ir.icmp(LLVMIntSGT, n, ir.i64(0)), n, ir.i64(1)),
        em.sizeOfValue(et)));
    LLVMValueRef id = new MergeOps(em).identity(et, t.op());
    Loops.counted(ir, n, null, (i, unused) -> {
      types.store(et, id, em.elemPtr(et, p, i));
      return null;
    });
    return em.makeVec(p, n);
  }

  /** The state a chunk starts from: merger leaves restart at the identity unless the loop runs direct. */
  LLVMValueRef chunkStart(LLVMValueRef s, LLVMValueRef direct) {
    LLVMValueRef out = s;
    for (Leaf l : leaves) {
      if (l.type() instanceof MergerType m) {
        out = with(out, l, ir.select(direct, get(s, l), identity(m)));
      }
    }
    return out;
  }

  /** The mark of a chunk that ended with state {@code s} on worker {@code worker}. */
  LLVMValueRef mark(LLVMValueRef s, LLVMValueRef worker) {
    LLVMValueRef m = ir.insert(ir.undef(markType), worker, 0);
    for (Leaf l : leaves) {
      m = ir.insert(m, size(l, get(s, l)), l.markField());
    }
    return m;
  }

  private LLVMValueRef size(Leaf l, LLVMValueRef v) {
    Type t = l.type();
    if (t instanceof MergerType) {
      return v;
    }
    if (t instanceof AppenderType) {
      return ir.extract(v, 1);
    }
    if (t instanceof DictMergerType) {
      return ir.load(ir.i64(), DictTable.field(ir, v, DictTable.COUNT));
    }
    if (t instanceof GroupMergerType) {
      return ir.load(ir.i64(), ir.byteGep(v, ir.i64(GroupMergerCodegen.PAIRS_LEN)));
    }
    return ir.i64(0);
  }

  LLVMValueRef present(LLVMValueRef s) {
    return ir.insert(ir.insert(ir.undef(stateType), ir.i64(1), 0), s, 1);
  }

  // ---- in the kernel, after the workers

  /** The builder state of participant {@code w}. */
  LLVMValueRef state(LLVMValueRef states, LLVMValueRef w) {
    return ir.load(memType, ir.structGep(stateType, ir.gep(stateType, states, w), 1));
  }

  private LLVMValueRef isPresent(LLVMValueRef states, LLVMValueRef w) {
    LLVMValueRef flag = ir.load(ir.i64(), ir.structGep(stateType, ir.gep(stateType, states, w), 0));
    return ir.icmp(LLVMIntNE, flag, ir.i64(0));
  }

  /** Folds every worker's state into {@code init} in serial order; frees the workers' states. */
  LLVMValueRef combine(LLVMValueRef init, LLVMValueRef states, LLVMValueRef participants, LLVMValueRef marks,
      LLVMValueRef chunks) {
    CombineCodegen c = new CombineCodegen(em, states, participants, marks, chunks, markType);
    LLVMValueRef acc = init;
    for (Leaf l : leaves) {
      LLVMValueRef target = get(acc, l);
      WorkerLeaf source = w -> get(state(states, w), l);
      LLVMValueRef v;
      Type t = l.type();
      if (t instanceof MergerType m) {
        v = c.mergers(m, target, l.markField());
      } else if (t instanceof AppenderType a) {
        v = c.appenders(a, target, l.markField(), source, w -> isPresent(states, w));
      } else if (t instanceof DictMergerType d) {
        v = c.dicts(d, target, l.markField(), source, w -> isPresent(states, w));
      } else if (t instanceof GroupMergerType g) {
        v = c.groups(g, target, l.markField(), source, w -> isPresent(states, w));
      } else {
        v = c.vecMergers((VecMergerType) t, target, source, w -> isPresent(states, w));
      }
      acc = with(acc, l, v);
    }
    return acc;
  }

  /** The state of one leaf in participant {@code w}'s slot ({@code w} an i64 value). */
  interface WorkerLeaf {
    LLVMValueRef of(LLVMValueRef w);
  }
}
