package org.apache.spark.sql.execution.sparkweld;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoSerializable;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.Externalizable;
import java.io.IOException;
import java.io.ObjectInput;
import java.io.ObjectInputStream;
import java.io.ObjectOutput;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.UnsafeProjection;
import org.apache.spark.sql.catalyst.expressions.UnsafeRow;
import org.apache.spark.sql.execution.joins.EmptyHashedRelation$;
import org.apache.spark.sql.execution.joins.HashedRelation;
import org.apache.spark.sql.execution.joins.HashedRelationBroadcastMode;
import org.apache.spark.sql.execution.joins.HashedRelationWithAllNullKeys$;
import org.apache.spark.sql.execution.joins.ValueRowWithKeyIndex;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.unsafe.Platform;
import org.apache.spark.util.Utils;
import scala.Option;
import scala.collection.AbstractIterator;
import scala.collection.Iterator;
import scala.collection.immutable.Seq;

/**
 * A broadcast join's build rows as Spark collected them, packed back to back, for joins a Weld stage probes: the
 * stage builds its own table from the rows, so Spark's hash map (built on the driver, serialized, and read back on
 * every executor) would be work thrown away. Measured on TPC-H SF 1: Q9's 1.5M-row build side took 816 ms to build
 * and 123 ms to broadcast as Spark's relation.
 *
 * <p>Still a whole {@link HashedRelation} (written in Java: Spark's trait is sealed to Scala code): a plan that
 * ends up reading it with Spark's own join (a stage's fallback, or a join the planner expected a Weld stage to
 * take) gets Spark's relation, built from these rows on first use in each JVM, and every call goes to it. Rows with
 * a null key are left out as Spark leaves them out; for a null-aware anti join a null key gives Spark's own
 * {@code HashedRelationWithAllNullKeys} instead, and no rows at all its {@code EmptyHashedRelation}, so the checks
 * Spark makes on those objects hold.
 *
 * <p>Layout: chunks of at most {@link #CHUNK} bytes (a larger row gets a chunk of its own), each row its size as a
 * long, then its bytes; rows and sizes are multiples of 8 bytes, so every row stays 8-byte aligned.
 */
public final class PackedRowsRelation implements HashedRelation, Externalizable, KryoSerializable {
  private static final long serialVersionUID = 1L;
  static final int CHUNK = 4 << 20;

  private List<byte[]> chunks;
  private int[] used;
  private long rows;
  private int numFields;
  private Seq<Expression> key;
  private boolean nullAware;

  /** Spark's relation over the same rows, built on first use; copies share their origin's. */
  private transient PackedRowsRelation origin;
  private transient volatile HashedRelation spark;
  /** This copy's read-only view of Spark's relation (what {@link #asReadOnlyCopy()} promises per copy). */
  private transient HashedRelation view;

  /** For deserialization only. */
  public PackedRowsRelation() {
    origin = this;
  }

  private PackedRowsRelation(List<byte[]> chunks, int[] used, long rows, int numFields, Seq<Expression> key,
      boolean nullAware, PackedRowsRelation origin) {
    this.chunks = chunks;
    this.used = used;
    this.rows = rows;
    this.numFields = numFields;
    this.key = key;
    this.nullAware = nullAware;
    this.origin = origin == null ? this : origin;
  }

  /**
   * Packs {@code input} (Spark's collected rows, all {@link UnsafeRow}s) as {@link HashedRelationBroadcastMode}
   * would build them: the same rows kept, the same singletons where Spark returns one.
   */
  public static HashedRelation pack(Iterator<InternalRow> input, Seq<Expression> key, boolean nullAware) {
    if (!input.hasNext()) {
      return EmptyHashedRelation$.MODULE$;
    }
    UnsafeProjection keyOf = UnsafeProjection.create(key);
    List<byte[]> chunks = new ArrayList<>();
    List<Integer> used = new ArrayList<>();
    byte[] chunk = null;
    // Chunks start small and double up to CHUNK: most build sides are small tables.
    int next = 64 << 10;
    int at = 0;
    long rows = 0;
    int numFields = -1;
    while (input.hasNext()) {
      UnsafeRow row = (UnsafeRow) input.next();
      numFields = row.numFields();
      if (keyOf.apply(row).anyNull()) {
        if (nullAware) {
          return HashedRelationWithAllNullKeys$.MODULE$;
        }
        continue;
      }
      int size = row.getSizeInBytes();
      if (chunk == null || at + 8L + size > chunk.length) {
        if (chunk != null) {
          used.add(at);
        }
        chunk = new byte[(int) Math.max(next, 8L + size)];
        next = Math.min(CHUNK, next * 2);
        chunks.add(chunk);
        at = 0;
      }
      Platform.putLong(chunk, Platform.BYTE_ARRAY_OFFSET + at, size);
      row.writeToMemory(chunk, Platform.BYTE_ARRAY_OFFSET + at + 8);
      at += 8 + size;
      rows++;
    }
    if (chunk != null) {
      used.add(at);
    }
    return new PackedRowsRelation(chunks, used.stream().mapToInt(Integer::intValue).toArray(), rows, numFields,
        key, nullAware, null);
  }

  public long numRows() {
    return rows;
  }

  /** The rows in the order they were collected; one row object, moved from row to row. */
  public Iterator<InternalRow> rowsInOrder() {
    return new AbstractIterator<InternalRow>() {
      private final UnsafeRow row = new UnsafeRow(numFields);
      private int chunk;
      private int at;

      @Override
      public boolean hasNext() {
        while (chunk < chunks.size() && at >= used[chunk]) {
          chunk++;
          at = 0;
        }
        return chunk < chunks.size();
      }

      @Override
      public InternalRow next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        byte[] c = chunks.get(chunk);
        int size = (int) Platform.getLong(c, Platform.BYTE_ARRAY_OFFSET + at);
        row.pointTo(c, Platform.BYTE_ARRAY_OFFSET + at + 8, size);
        at += 8 + size;
        return row;
      }
    };
  }

  /**
   * The rows newest first: the order in which Spark's relations list the rows of one key (each insert goes in front
   * of the key's earlier rows), so a table built from them keeps each key's rows in Spark's order.
   */
  public Iterator<InternalRow> rowsNewestFirst() {
    return new AbstractIterator<InternalRow>() {
      private final UnsafeRow row = new UnsafeRow(numFields);
      private int chunk = chunks.size();
      // Offsets of the current chunk's rows, read forwards once, then handed out backwards.
      private int[] offsets = new int[0];
      private int left;

      @Override
      public boolean hasNext() {
        while (left == 0 && chunk > 0) {
          chunk--;
          byte[] c = chunks.get(chunk);
          int n = 0;
          for (int at = 0; at < used[chunk]; at += 8 + (int) Platform.getLong(c, Platform.BYTE_ARRAY_OFFSET + at)) {
            if (n == offsets.length) {
              offsets = Arrays.copyOf(offsets, Math.max(1024, n * 2));
            }
            offsets[n++] = at;
          }
          left = n;
        }
        return left > 0;
      }

      @Override
      public InternalRow next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        byte[] c = chunks.get(chunk);
        int at = offsets[--left];
        row.pointTo(c, Platform.BYTE_ARRAY_OFFSET + at + 8, (int) Platform.getLong(c, Platform.BYTE_ARRAY_OFFSET + at));
        return row;
      }
    };
  }

  /**
   * As {@link #rowsNewestFirst()}, but only each key's first row there (Spark's first row of the key): enough for
   * a join that only asks whether a key exists.
   */
  public Iterator<InternalRow> firstRowPerKey() {
    Iterator<InternalRow> all = rowsNewestFirst();
    UnsafeProjection keyOf = UnsafeProjection.create(key);
    boolean longKey = key.size() == 1 && key.head().dataType() == DataTypes.LongType;
    LongSet longs = new LongSet();
    java.util.Set<UnsafeRow> others = new java.util.HashSet<>();
    return all.filter(row -> {
      UnsafeRow k = keyOf.apply(row);
      return longKey ? longs.add(k.getLong(0)) : others.add(k.copy());
    });
  }

  /** A set of longs by open addressing (linear probing; zero kept aside as the empty slot's mark). */
  private static final class LongSet {
    private long[] slots = new long[1 << 10];
    private int size;
    private boolean hasZero;

    boolean add(long v) {
      if (v == 0) {
        boolean added = !hasZero;
        hasZero = true;
        return added;
      }
      if ((size + 1) * 2 > slots.length) {
        long[] old = slots;
        slots = new long[old.length * 2];
        for (long o : old) {
          if (o != 0) {
            insert(o);
          }
        }
      }
      if (insert(v)) {
        size++;
        return true;
      }
      return false;
    }

    private boolean insert(long v) {
      int mask = slots.length - 1;
      int i = (int) (mix(v) & mask);
      while (slots[i] != 0) {
        if (slots[i] == v) {
          return false;
        }
        i = (i + 1) & mask;
      }
      slots[i] = v;
      return true;
    }

    private static long mix(long v) {
      long h = v * 0x9E3779B97F4A7C15L;
      return h ^ (h >>> 32);
    }
  }

  private HashedRelation sparks() {
    HashedRelation s = origin.spark;
    if (s == null) {
      synchronized (origin) {
        s = origin.spark;
        if (s == null) {
          // Spark's relation copies each row's bytes in: one row object moved along the rows will do.
          s = new HashedRelationBroadcastMode(key, nullAware).transform(rowsInOrder(), Option.apply(rows));
          origin.spark = s;
        }
      }
    }
    return s;
  }

  private HashedRelation view() {
    if (view == null) {
      view = sparks().asReadOnlyCopy();
    }
    return view;
  }

  @Override
  public PackedRowsRelation asReadOnlyCopy() {
    return new PackedRowsRelation(chunks, used, rows, numFields, key, nullAware, origin);
  }

  @Override
  public Iterator<InternalRow> get(InternalRow key) {
    return view().get(key);
  }

  @Override
  public Iterator<InternalRow> get(long key) {
    return view().get(key);
  }

  @Override
  public InternalRow getValue(InternalRow key) {
    return view().getValue(key);
  }

  @Override
  public InternalRow getValue(long key) {
    return view().getValue(key);
  }

  @Override
  public Iterator<ValueRowWithKeyIndex> getWithKeyIndex(InternalRow key) {
    return view().getWithKeyIndex(key);
  }

  @Override
  public ValueRowWithKeyIndex getValueWithKeyIndex(InternalRow key) {
    return view().getValueWithKeyIndex(key);
  }

  @Override
  public Iterator<ValueRowWithKeyIndex> valuesWithKeyIndex() {
    return view().valuesWithKeyIndex();
  }

  @Override
  public int maxNumKeysIndex() {
    return view().maxNumKeysIndex();
  }

  @Override
  public boolean keyIsUnique() {
    return view().keyIsUnique();
  }

  @Override
  public Iterator<InternalRow> keys() {
    return view().keys();
  }

  @Override
  public void close() {
    if (view != null) {
      view.close();
    }
  }

  @Override
  public long estimatedSize() {
    long bytes = 0;
    for (int u : used) {
      bytes += u;
    }
    return bytes;
  }

  // Serialization: the packed bytes as they are; the key expressions by Java serialization (also under Kryo).

  private void writeTo(DataOutput out) throws IOException {
    ByteArrayOutputStream keyBytes = new ByteArrayOutputStream();
    try (ObjectOutputStream o = new ObjectOutputStream(keyBytes)) {
      o.writeObject(key);
    }
    out.writeInt(keyBytes.size());
    out.write(keyBytes.toByteArray());
    out.writeBoolean(nullAware);
    out.writeLong(rows);
    out.writeInt(numFields);
    out.writeInt(chunks.size());
    for (int i = 0; i < chunks.size(); i++) {
      out.writeInt(used[i]);
      out.write(chunks.get(i), 0, used[i]);
    }
  }

  @SuppressWarnings("unchecked")
  private void readFrom(DataInput in) throws IOException {
    byte[] keyBytes = new byte[in.readInt()];
    in.readFully(keyBytes);
    try (ObjectInputStream o = new ObjectInputStream(new ByteArrayInputStream(keyBytes)) {
      @Override
      protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
        // As the task's loader sees them (a session may add jars).
        return Class.forName(desc.getName(), false, Utils.getContextOrSparkClassLoader());
      }
    }) {
      key = (Seq<Expression>) o.readObject();
    } catch (ClassNotFoundException e) {
      throw new IOException(e);
    }
    nullAware = in.readBoolean();
    rows = in.readLong();
    numFields = in.readInt();
    int n = in.readInt();
    chunks = new ArrayList<>(n);
    used = new int[n];
    for (int i = 0; i < n; i++) {
      used[i] = in.readInt();
      byte[] c = new byte[used[i]];
      in.readFully(c);
      chunks.add(c);
    }
    origin = this;
  }

  @Override
  public void writeExternal(ObjectOutput out) throws IOException {
    writeTo(out);
  }

  @Override
  public void readExternal(ObjectInput in) throws IOException {
    readFrom(in);
  }

  @Override
  public void write(Kryo kryo, Output out) {
    try {
      writeTo(new DataOutputStream(out));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void read(Kryo kryo, Input in) {
    try {
      readFrom(new DataInputStream(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
