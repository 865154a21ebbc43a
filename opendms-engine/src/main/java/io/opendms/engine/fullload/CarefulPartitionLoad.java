package io.opendms.engine.fullload;

import io.opendms.engine.mapping.RowContext;
import io.opendms.engine.mapping.TableTransform;
import io.opendms.spi.source.SnapshotReader;
import io.opendms.spi.target.DataRefusedException;
import io.opendms.spi.target.RowLoad;
import io.opendms.spi.target.TargetSession;
import io.opendms.spi.target.TargetTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Loads a partition again after the target refused its one-transaction load because of the data:
 * reads it once more from the snapshot and loads it in chunks of {@link RefusedRows#chunkRows()}
 * rows, each in a transaction of its own; a refused chunk is split in halves, each loaded alone,
 * down to single rows, which {@link RefusedRows} decides about. So the partition's good rows end up
 * committed and each refused row is found with O(log chunk) extra loads. Used on the decoded path
 * whichever path the partition took first, since single rows cannot be cut out of a native
 * stream. Confined to one worker thread.
 */
final class CarefulPartitionLoad {

  private final TargetSession session;
  private final PartitionJob job;
  private final RefusedRows refused;
  private final TableLoadProgress table;
  private final TargetTable target;
  private final BooleanSupplier stopping;
  private long stored;

  private CarefulPartitionLoad(TargetSession session, RefusedRows refused, PartitionJob job,
      BooleanSupplier stopping) {
    this.session = session;
    this.job = job;
    this.refused = refused;
    this.table = job.table();
    this.target = table.plan().target();
    this.stopping = stopping;
  }

  /**
   * Loads the job's partition in chunks, adding committed rows to the table's progress.
   *
   * @return the rows committed
   * @throws RefusedRows.TableStopped when the policy suspends the table or stops the task
   * @throws LoadCancelledException when the load is being stopped
   */
  static long load(SnapshotReader reader, TargetSession session, RefusedRows refused, PartitionJob job,
      BooleanSupplier stopping) {
    var careful = new CarefulPartitionLoad(session, refused, job, stopping);
    TableTransform transform = job.table().plan().transform();
    RowContext loading = RowContext.load(Instant.now());
    List<Object[]> chunk = new ArrayList<>();
    reader.read(job.partition(), job.table().plan().source().columns(), values -> {
      // readers may reuse their arrays; a chunk holds its rows until loaded
      chunk.add(transform.keepsRows() ? values.clone() : transform.row(values, loading));
      if (chunk.size() >= refused.chunkRows()) {
        careful.loadChunk(chunk);
        chunk.clear();
      }
    });
    careful.loadChunk(chunk);
    return careful.stored;
  }

  private void loadChunk(List<Object[]> rows) {
    if (rows.isEmpty()) {
      return;
    }
    if (stopping.getAsBoolean()) {
      throw new LoadCancelledException();
    }
    try (RowLoad load = job.openRowLoad(session)) {
      rows.forEach(load::accept);
      long committed = load.commit();
      stored += committed;
      table.addRows(committed);
    } catch (RuntimeException e) {
      DataRefusedException refusal = DataRefusedException.in(e);
      if (refusal == null) {
        throw e;
      }
      if (rows.size() == 1) {
        refused.refused(session, target, Arrays.asList(rows.get(0)), refusal);
        return;
      }
      int half = rows.size() / 2;
      loadChunk(rows.subList(0, half));
      loadChunk(rows.subList(half, rows.size()));
    }
  }
}
