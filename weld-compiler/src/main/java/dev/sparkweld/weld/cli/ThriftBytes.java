package dev.sparkweld.weld.cli;

import shaded.parquet.org.apache.thrift.TBase;
import shaded.parquet.org.apache.thrift.TConfiguration;
import shaded.parquet.org.apache.thrift.TException;
import shaded.parquet.org.apache.thrift.protocol.TCompactProtocol;
import shaded.parquet.org.apache.thrift.transport.TTransport;
import shaded.parquet.org.apache.thrift.transport.TTransportException;

/**
 * Reads Parquet's Thrift structures straight from the file's bytes. Parquet's {@code Util} would wrap an
 * InputStream in a transport that needs SLF4J at class-initialization time; this one needs nothing, and it tells
 * how many bytes a page header took, which is where the page's data starts.
 */
final class ThriftBytes extends TTransport {
  private final byte[] bytes;
  private final int end;
  private int pos;

  private ThriftBytes(byte[] bytes, int pos, int end) {
    this.bytes = bytes;
    this.pos = pos;
    this.end = end;
  }

  /** Reads {@code into} from {@code bytes[pos, end)}; returns the position after it. */
  static int read(TBase<?, ?> into, byte[] bytes, int pos, int end) {
    if (pos < 0 || pos > end || end > bytes.length) {
      throw new IllegalArgumentException("metadata offset " + pos + " outside the file");
    }
    ThriftBytes t = new ThriftBytes(bytes, pos, end);
    try {
      into.read(new TCompactProtocol(t, end - pos, end - pos));
    } catch (TException | RuntimeException e) {
      throw new IllegalArgumentException("corrupt metadata at byte " + pos + ": " + e.getMessage(), e);
    }
    return t.pos;
  }

  @Override
  public int read(byte[] buf, int off, int len) throws TTransportException {
    if (len > end - pos) {
      throw new TTransportException(TTransportException.END_OF_FILE, "metadata runs past its end");
    }
    System.arraycopy(bytes, pos, buf, off, len);
    pos += len;
    return len;
  }

  @Override
  public boolean isOpen() {
    return true;
  }

  @Override
  public void open() {}

  @Override
  public void close() {}

  @Override
  public void write(byte[] buf, int off, int len) throws TTransportException {
    throw new TTransportException("read-only");
  }

  @Override
  public TConfiguration getConfiguration() {
    return new TConfiguration(Integer.MAX_VALUE, TConfiguration.DEFAULT_MAX_FRAME_SIZE,
        TConfiguration.DEFAULT_RECURSION_DEPTH);
  }

  @Override
  public void updateKnownMessageSize(long size) {}

  @Override
  public void checkReadBytesAvailable(long numBytes) throws TTransportException {
    if (numBytes > end - pos) {
      throw new TTransportException(TTransportException.END_OF_FILE, "metadata runs past its end");
    }
  }
}
