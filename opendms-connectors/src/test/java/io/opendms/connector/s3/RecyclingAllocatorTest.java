package io.opendms.connector.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class RecyclingAllocatorTest {

  @Test
  void aReleasedBufferIsHandedOutAgainAsIfNew() {
    var allocator = new RecyclingAllocator(1 << 20);
    ByteBuffer first = allocator.allocate(1024);
    first.order(ByteOrder.LITTLE_ENDIAN).putInt(7).limit(100);
    allocator.release(first);

    ByteBuffer again = allocator.allocate(1024);
    assertThat(again).isSameAs(first);
    assertThat(again.position()).isZero();
    assertThat(again.limit()).isEqualTo(1024);
    assertThat(again.order()).isEqualTo(ByteOrder.BIG_ENDIAN);
    assertThat(allocator.allocate(1024)).isNotSameAs(first);
    assertThat(allocator.retained()).isZero();
  }

  @Test
  void sizesNotAskedForAgainLeaveFirstAndWhatWaitsStaysBounded() {
    var allocator = new RecyclingAllocator(64 * 1024);
    ByteBuffer slab = allocator.allocate(16 * 1024);
    for (int page = 0; page < 1_000; page++) {
      allocator.release(slab);
      slab = allocator.allocate(16 * 1024);
      allocator.release(allocator.allocate(10_000 + page)); // a page's copy, never that size again
      assertThat(allocator.retained()).isLessThanOrEqualTo(64 * 1024);
    }
    allocator.release(slab);
    assertThat(allocator.allocate(16 * 1024)).isSameAs(slab);
  }
}
