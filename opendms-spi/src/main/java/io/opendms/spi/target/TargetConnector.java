package io.opendms.spi.target;

import io.opendms.spi.data.NativeFormat;
import java.util.List;

/**
 * A target endpoint during one task run. Its own methods are called by the engine's coordinating
 * thread; {@link TargetSession}s run on worker threads. Every method blocks on the target and
 * throws {@link io.opendms.spi.error.OpenDmsException} naming the table on failure.
 */
public interface TargetConnector extends AutoCloseable {

  /**
   * Makes the table ready to load as {@code preparation} says: creates schema, types and table
   * when needed (the primary key too, unless it is deferred), drops or truncates. Idempotent.
   */
  void prepare(TargetTable table, TablePreparation preparation);

  /**
   * The native formats the target can load the prepared table from without decoding, best first;
   * empty when the existing table's columns do not match what such a load needs.
   */
  List<NativeFormat> importFormats(TargetTable table);

  /** Opens a connection for one worker thread. */
  TargetSession openSession();

  /**
   * As {@link #openSession()}, for a full load whose task sets DMS {@code
   * ParallelLoadBufferSize}: where the target takes rows in requests of several (OpenSearch
   * {@code _bulk}, Kinesis PutRecords, DynamoDB BatchWriteItem), the session's row loads send
   * at most {@code rowsPerRequest} rows in one, within the target's own limits; 0 means the
   * target's own size. Targets without such requests ignore it (the default).
   */
  default TargetSession openSession(int rowsPerRequest) {
    return openSession();
  }

  /**
   * Finishes the table after every partition was committed: creates a deferred primary key,
   * refreshes statistics.
   */
  void complete(TargetTable table, TablePreparation preparation);

  /** Releases connections. Idempotent. */
  @Override
  void close();
}
