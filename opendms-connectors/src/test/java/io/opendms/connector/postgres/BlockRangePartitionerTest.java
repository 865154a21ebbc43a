package io.opendms.connector.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opendms.spi.source.PartitionBounds;
import io.opendms.spi.source.PartitionBounds.BlockRange;
import java.util.List;
import org.junit.jupiter.api.Test;

class BlockRangePartitionerTest {

  private static final long BLOCK = 8192;
  private final BlockRangePartitioner partitioner =
      new BlockRangePartitioner(BlockRangePartitioner.DEFAULT_MIN_PARTITION_BYTES);

  @Test
  void keepsTablesBelowTwoMinimumPartitionsWhole() {
    assertThat(partitioner.split(0, BLOCK, 8, 0)).containsExactly(new PartitionBounds.WholeTable());
    assertThat(partitioner.split(8191, BLOCK, 8, 0)).containsExactly(new PartitionBounds.WholeTable());
  }

  @Test
  void splitsIntoEqualContiguousRangesWithAnOpenEnd() {
    // 32 MiB = 4096 blocks of 8 KiB; 12288 blocks allow 3 partitions
    assertThat(partitioner.split(12_288, BLOCK, 8, 0))
        .containsExactly(
            new BlockRange(0, 4096), new BlockRange(4096, 8192), new BlockRange(8192, -1));
  }

  @Test
  void neverExceedsMaxPartitions() {
    List<PartitionBounds> ranges = partitioner.split(1_000_000, BLOCK, 4, 0);
    assertThat(ranges)
        .containsExactly(
            new BlockRange(0, 250_000),
            new BlockRange(250_000, 500_000),
            new BlockRange(500_000, 750_000),
            new BlockRange(750_000, -1));
    assertThat(partitioner.split(1_000_000, BLOCK, 1, 0))
        .containsExactly(new PartitionBounds.WholeTable());
  }

  @Test
  void roundsRangeSizesUpSoTheLastRangeIsNotTiny() {
    BlockRangePartitioner small = new BlockRangePartitioner(10 * BLOCK);
    assertThat(small.split(35, BLOCK, 10, 0))
        .containsExactly(new BlockRange(0, 12), new BlockRange(12, 24), new BlockRange(24, -1));
  }

  @Test
  void namesTheTablesFileInEveryRange() {
    assertThat(partitioner.split(12_288, BLOCK, 8, 16_384))
        .extracting(bounds -> ((BlockRange) bounds).fileNode())
        .containsOnly(16_384L);
  }

  @Test
  void honoursOtherBlockSizes() {
    // 32 KiB blocks: 1024 of them make 32 MiB
    assertThat(partitioner.split(2048, 32 * 1024, 8, 0)).hasSize(2);
  }

  @Test
  void rejectsNonsense() {
    assertThatThrownBy(() -> partitioner.split(10, BLOCK, 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new BlockRangePartitioner(0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
