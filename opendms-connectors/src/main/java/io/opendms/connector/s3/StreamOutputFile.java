package io.opendms.connector.s3;

import java.io.IOException;
import java.io.OutputStream;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/**
 * A Parquet {@link OutputFile} that is one sequential stream: parquet-java writes a file front to
 * back (the footer last), so an object upload can take it as it comes.
 */
final class StreamOutputFile implements OutputFile {
  private final OutputStream sink;

  StreamOutputFile(OutputStream sink) {
    this.sink = sink;
  }

  @Override
  public PositionOutputStream create(long blockSizeHint) {
    return new PositionOutputStream() {
      private long position;

      @Override
      public long getPos() {
        return position;
      }

      @Override
      public void write(int b) throws IOException {
        sink.write(b);
        position++;
      }

      @Override
      public void write(byte[] bytes, int offset, int length) throws IOException {
        sink.write(bytes, offset, length);
        position += length;
      }

      @Override
      public void close() throws IOException {
        sink.close();
      }
    };
  }

  @Override
  public PositionOutputStream createOrOverwrite(long blockSizeHint) {
    return create(blockSizeHint);
  }

  @Override
  public boolean supportsBlockSize() {
    return false;
  }

  @Override
  public long defaultBlockSize() {
    return 0;
  }
}
