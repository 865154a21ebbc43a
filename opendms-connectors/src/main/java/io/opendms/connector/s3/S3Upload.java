package io.opendms.connector.s3;

import io.opendms.spi.error.OpenDmsException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The bytes of one object, uploaded while they are written: every {@value #PART_BYTES} bytes
 * become a part of a multipart upload sent on the connector's upload threads (at most {@value
 * #IN_FLIGHT} parts of this object at a time, so memory stays bounded), so that encoding and
 * upload overlap. An object smaller than one part is sent with one PUT at {@link #close()}.
 * Nothing is visible in the bucket before {@link #close()} completes; {@link #abort()} leaves
 * nothing behind. Confined to one thread; the part uploads run on others.
 */
final class S3Upload extends OutputStream {
  static final int PART_BYTES = 8 << 20;
  private static final int IN_FLIGHT = 4;

  private final S3Store store;
  private final String key;
  private final ExecutorService uploads;
  private final Deque<InFlight> pending = new ArrayDeque<>();
  private final List<S3Store.Part> done = new ArrayList<>();
  /** Part buffers whose upload has ended, to fill again. */
  private final Deque<byte[]> spare = new ArrayDeque<>();
  private byte[] buffer = new byte[64 * 1024];
  private int filled;
  private long written;
  private String uploadId;
  private boolean closed;

  /** A part being uploaded from its buffer, which is the upload's until the part is done. */
  private record InFlight(Future<S3Store.Part> part, byte[] buffer) {}

  S3Upload(S3Store store, String key, ExecutorService uploads) {
    this.store = store;
    this.key = key;
    this.uploads = uploads;
  }

  String key() {
    return key;
  }

  /** Bytes written so far. */
  long written() {
    return written;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    while (length > 0) {
      if (filled == buffer.length) {
        if (buffer.length < PART_BYTES) {
          buffer = Arrays.copyOf(buffer, Math.min(PART_BYTES, buffer.length * 4));
        } else {
          sendPart(true);
        }
      }
      int take = Math.min(length, buffer.length - filled);
      System.arraycopy(bytes, offset, buffer, filled, take);
      filled += take;
      offset += take;
      length -= take;
      written += take;
    }
  }

  /** Completes the object: the last part and the completion, or one PUT when it is small. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    if (uploadId == null) {
      store.put(key, Arrays.copyOf(buffer, filled));
      return;
    }
    if (filled > 0) {
      sendPart(false);
    }
    while (!pending.isEmpty()) {
      awaitOldest();
    }
    store.completeMultipart(key, uploadId, done);
  }

  /** Drops what was sent. Never throws. */
  void abort() {
    closed = true;
    pending.forEach(f -> f.part().cancel(true));
    if (uploadId != null) {
      store.abortMultipart(key, uploadId);
    }
  }

  /**
   * Sends the buffer as the next part, without a copy: the buffer goes to the upload and a
   * spare one (a finished part's) takes its place, so that a file's parts reuse the same few
   * 8 MB arrays instead of allocating and copying two for every part ({@code RequestBody
   * .fromBytes} copied too); each such array is a humongous object for G1.
   */
  private void sendPart(boolean more) throws IOException {
    if (uploadId == null) {
      uploadId = store.startMultipart(key);
    }
    while (pending.size() >= IN_FLIGHT) {
      awaitOldest();
    }
    byte[] part = buffer;
    int length = filled;
    int number = done.size() + pending.size() + 1;
    String id = uploadId;
    pending.addLast(new InFlight(
        uploads.submit(() -> store.uploadPart(key, id, number, part, length)), part));
    buffer = !more ? null : spare.isEmpty() ? new byte[PART_BYTES] : spare.pop();
    filled = 0;
  }

  private void awaitOldest() throws IOException {
    InFlight oldest = pending.removeFirst();
    done.add(await(oldest.part()));
    if (oldest.buffer().length == PART_BYTES) {
      spare.push(oldest.buffer());
    }
  }

  private static S3Store.Part await(Future<S3Store.Part> part) throws IOException {
    try {
      return part.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted waiting for a part upload", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof OpenDmsException failure) {
        throw failure;
      }
      throw new IOException(e.getCause());
    }
  }
}
