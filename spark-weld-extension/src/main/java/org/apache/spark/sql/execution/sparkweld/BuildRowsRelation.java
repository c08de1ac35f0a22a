package org.apache.spark.sql.execution.sparkweld;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoSerializable;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.io.Externalizable;
import java.io.IOException;
import java.io.ObjectInput;
import java.io.ObjectOutput;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.execution.joins.HashedRelation;
import org.apache.spark.sql.execution.joins.HashedRelationBroadcastMode;
import org.apache.spark.sql.execution.joins.ValueRowWithKeyIndex;
import scala.Option;
import scala.collection.Iterator;
import scala.collection.immutable.Seq;

/**
 * A broadcast build side as its rows ({@link BuildRowsMode}). A Weld join stage reads {@link #data()} and builds
 * its table; anything else given the relation (a Spark join of a stage's fallback plan, a Spark join planned over the
 * same broadcast) works through Spark's own hashed relation, built from the rows on first use and then shared by the
 * executor's tasks: every method but {@link #estimatedSize()} answers from it. Serialized as the row bytes.
 *
 * <p>Java, not Scala: Spark's {@code HashedRelation} is a sealed Scala trait, which only the Scala compiler enforces.
 */
public final class BuildRowsRelation implements HashedRelation, BuildRowsSource, Externalizable, KryoSerializable {
  private State state;
  private final HashedRelation readOnly;

  /** Deserialization only. */
  public BuildRowsRelation() {
    this(null, null);
  }

  private BuildRowsRelation(State state, HashedRelation readOnly) {
    this.state = state;
    this.readOnly = readOnly;
  }

  public static BuildRowsRelation of(BuildRowBytes data, HashedRelationBroadcastMode mode) {
    return new BuildRowsRelation(new State(data, mode), null);
  }

  @Override
  public BuildRowBytes data() {
    return state.data;
  }

  private HashedRelation spark() {
    return readOnly != null ? readOnly : state.hashed();
  }

  @Override
  public Iterator<InternalRow> get(InternalRow key) {
    return spark().get(key);
  }

  @Override
  public Iterator<InternalRow> get(long key) {
    return spark().get(key);
  }

  @Override
  public InternalRow getValue(InternalRow key) {
    return spark().getValue(key);
  }

  @Override
  public InternalRow getValue(long key) {
    return spark().getValue(key);
  }

  @Override
  public Iterator<ValueRowWithKeyIndex> getWithKeyIndex(InternalRow key) {
    return spark().getWithKeyIndex(key);
  }

  @Override
  public ValueRowWithKeyIndex getValueWithKeyIndex(InternalRow key) {
    return spark().getValueWithKeyIndex(key);
  }

  @Override
  public Iterator<ValueRowWithKeyIndex> valuesWithKeyIndex() {
    return spark().valuesWithKeyIndex();
  }

  @Override
  public int maxNumKeysIndex() {
    return spark().maxNumKeysIndex();
  }

  @Override
  public boolean keyIsUnique() {
    return spark().keyIsUnique();
  }

  @Override
  public Iterator<InternalRow> keys() {
    return spark().keys();
  }

  /** Generated join code declares the relation with the value's class and assigns it this copy: same class. */
  @Override
  public BuildRowsRelation asReadOnlyCopy() {
    return new BuildRowsRelation(state, state.hashed().asReadOnlyCopy());
  }

  @Override
  public void close() {
    if (readOnly != null) {
      readOnly.close();
    }
  }

  @Override
  public long estimatedSize() {
    return state.data.bytes() + state.hashedSize();
  }

  @Override
  public void writeExternal(ObjectOutput out) throws IOException {
    BuildRowBytes d = state.data;
    out.writeObject(state.mode.key());
    out.writeInt(d.numFields());
    out.writeLong(d.rowCount());
    out.writeInt(d.chunks().length);
    for (int i = 0; i < d.chunks().length; i++) {
      out.writeInt(d.lengths()[i]);
      out.write(d.chunks()[i], 0, d.lengths()[i]);
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public void readExternal(ObjectInput in) throws IOException, ClassNotFoundException {
    Seq<Expression> key = (Seq<Expression>) in.readObject();
    int numFields = in.readInt();
    long rowCount = in.readLong();
    int n = in.readInt();
    int[] lengths = new int[n];
    byte[][] chunks = new byte[n][];
    for (int i = 0; i < n; i++) {
      lengths[i] = in.readInt();
      chunks[i] = new byte[lengths[i]];
      in.readFully(chunks[i]);
    }
    state = new State(new BuildRowBytes(chunks, lengths, rowCount, numFields),
        new HashedRelationBroadcastMode(key, false));
  }

  @Override
  public void write(Kryo kryo, Output out) {
    BuildRowBytes d = state.data;
    kryo.writeClassAndObject(out, state.mode.key());
    out.writeInt(d.numFields());
    out.writeLong(d.rowCount());
    out.writeInt(d.chunks().length);
    for (int i = 0; i < d.chunks().length; i++) {
      out.writeInt(d.lengths()[i]);
      out.writeBytes(d.chunks()[i], 0, d.lengths()[i]);
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public void read(Kryo kryo, Input in) {
    Seq<Expression> key = (Seq<Expression>) kryo.readClassAndObject(in);
    int numFields = in.readInt();
    long rowCount = in.readLong();
    int n = in.readInt();
    int[] lengths = new int[n];
    byte[][] chunks = new byte[n][];
    for (int i = 0; i < n; i++) {
      lengths[i] = in.readInt();
      chunks[i] = in.readBytes(lengths[i]);
    }
    state = new State(new BuildRowBytes(chunks, lengths, rowCount, numFields),
        new HashedRelationBroadcastMode(key, false));
  }

  /** The rows and, once something asks, Spark's relation over them (shared by the relation's copies). */
  private static final class State {
    final BuildRowBytes data;
    final HashedRelationBroadcastMode mode;
    private volatile HashedRelation built;

    State(BuildRowBytes data, HashedRelationBroadcastMode mode) {
      this.data = data;
      this.mode = mode;
    }

    HashedRelation hashed() {
      HashedRelation h = built;
      if (h == null) {
        synchronized (this) {
          h = built;
          if (h == null) {
            // Scala's Iterator is covariant; Java's view of it is not.
            @SuppressWarnings("unchecked")
            Iterator<InternalRow> rows = (Iterator<InternalRow>) (Iterator<?>) data.rows();
            h = mode.transform(rows, Option.apply((Object) data.rowCount()));
            built = h;
          }
        }
      }
      return h;
    }

    long hashedSize() {
      HashedRelation h = built;
      return h == null ? 0L : h.estimatedSize();
    }
  }
}
