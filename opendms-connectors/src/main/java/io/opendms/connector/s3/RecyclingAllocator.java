package io.opendms.connector.s3;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import org.apache.parquet.bytes.ByteBufferAllocator;

/**
 * parquet-java's buffers of one file's writer, handed out again once released instead of
 * allocated anew. parquet-java drops and reallocates a column's buffers for every page and
 * every row group (and copies each page into another buffer for the row group): with the
 * default 1 MB pages those are hundreds of large, zeroed arrays per 100 MB, many of them too
 * large for G1's regions at the service's heap size (humongous objects that start a
 * concurrent collection each). Here a released buffer waits, by capacity, for the next
 * request of the same size, which the writer makes for every page of the same column, so the
 * pool holds no more than the writer had in use at once. Confined to the file's writing
 * thread, like the writer. A buffer comes back as {@code ByteBuffer.allocate} would give it
 * (position 0, limit its capacity, big-endian) but not zeroed: parquet-java writes its buffers
 * before it reads them.
 */
final class RecyclingAllocator implements ByteBufferAllocator {
  private final Map<Integer, ArrayDeque<ByteBuffer>> released = new HashMap<>();

  @Override
  public ByteBuffer allocate(int size) {
    ArrayDeque<ByteBuffer> same = released.get(size);
    ByteBuffer buffer = same == null ? null : same.pollLast();
    return buffer == null ? ByteBuffer.allocate(size) : buffer.clear().order(ByteOrder.BIG_ENDIAN);
  }

  @Override
  public void release(ByteBuffer buffer) {
    if (buffer.hasArray()) {
      released.computeIfAbsent(buffer.capacity(), size -> new ArrayDeque<>()).addLast(buffer);
    }
  }

  @Override
  public boolean isDirect() {
    return false;
  }
}
