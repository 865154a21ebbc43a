package io.opendms.connector.s3;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.parquet.bytes.ByteBufferAllocator;

/**
 * parquet-java's buffers of one file's writer, handed out again once released instead of
 * allocated anew. parquet-java drops and reallocates a column's buffers for every page and
 * every row group: with the default 1 MB pages those are hundreds of large, zeroed arrays per
 * 100 MB, many of them too large for G1's regions at the service's heap size (humongous objects
 * that start a concurrent collection each). Here a released buffer waits, by capacity, for the
 * next request of the same size, which the writer makes for every page of a column.
 *
 * <p>What waits is bounded ({@code maxRetained} bytes): buffers of sizes that are not asked for
 * again (parquet-java copies every page into a buffer of that page's exact size) leave first,
 * least recently used size first. A buffer comes back as {@code ByteBuffer.allocate} would give
 * it (position 0, limit its capacity, big-endian) but not zeroed: parquet-java writes its
 * buffers before it reads them. Confined to the file's writing thread, like the writer.
 */
final class RecyclingAllocator implements ByteBufferAllocator {
  /** Released buffers by capacity, least recently used capacity first. */
  private final Map<Integer, ArrayDeque<ByteBuffer>> released =
      new LinkedHashMap<>(16, 0.75f, true);
  private final long maxRetained;
  private long retained;

  RecyclingAllocator(long maxRetained) {
    this.maxRetained = maxRetained;
  }

  /** Bytes of released buffers waiting to be handed out again. */
  long retained() {
    return retained;
  }

  @Override
  public ByteBuffer allocate(int size) {
    ArrayDeque<ByteBuffer> same = released.get(size);
    if (same == null) {
      return ByteBuffer.allocate(size);
    }
    ByteBuffer buffer = same.pollLast();
    if (same.isEmpty()) {
      released.remove(size);
    }
    retained -= size;
    return buffer.clear().order(ByteOrder.BIG_ENDIAN);
  }

  @Override
  public void release(ByteBuffer buffer) {
    int size = buffer.capacity();
    if (!buffer.hasArray() || size > maxRetained) {
      return;
    }
    Iterator<Map.Entry<Integer, ArrayDeque<ByteBuffer>>> oldest = released.entrySet().iterator();
    while (retained + size > maxRetained) {
      Map.Entry<Integer, ArrayDeque<ByteBuffer>> entry = oldest.next();
      while (!entry.getValue().isEmpty() && retained + size > maxRetained) {
        entry.getValue().pollFirst();
        retained -= entry.getKey();
      }
      if (entry.getValue().isEmpty()) {
        oldest.remove();
      }
    }
    released.computeIfAbsent(size, capacity -> new ArrayDeque<>()).addLast(buffer);
    retained += size;
  }

  @Override
  public boolean isDirect() {
    return false;
  }
}
