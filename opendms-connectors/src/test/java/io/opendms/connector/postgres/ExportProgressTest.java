package io.opendms.connector.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.opendms.spi.data.ByteSink;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExportProgressTest {

  /** A hand-written sink recording bytes and progress reports. */
  private static final class RecordingSink implements ByteSink {
    long bytes;
    final List<Long> reports = new ArrayList<>();

    @Override
    public void write(byte[] buffer, int offset, int length) {
      bytes += length;
    }

    @Override
    public void rowsCompleted(long rows) {
      reports.add(rows);
    }
  }

  @Test
  void reportsRowsInBatchesAndTheExactTotalAtTheEnd() {
    RecordingSink sink = new RecordingSink();
    ExportProgress progress = new ExportProgress(sink);
    for (int i = 0; i < 2500; i++) {
      progress.write(new byte[10]); // 2499 rows, then the binary trailer
    }
    progress.finish(2499);
    assertThat(sink.bytes).isEqualTo(25_000);
    assertThat(sink.reports).containsExactly(1024L, 1024L, 451L);
    assertThat(sink.reports.stream().mapToLong(Long::longValue).sum()).isEqualTo(2499);
  }

  @Test
  void reportsNothingForAnEmptyPartition() {
    RecordingSink sink = new RecordingSink();
    ExportProgress progress = new ExportProgress(sink);
    progress.write(new byte[21]); // binary header and trailer in one message
    progress.finish(0);
    assertThat(sink.reports).isEmpty();
  }
}
