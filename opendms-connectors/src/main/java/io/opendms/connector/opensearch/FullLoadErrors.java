package io.opendms.connector.opensearch;

import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The refused rows of one table's full load, over all its partitions: DMS's {@code
 * FullLoadErrorPercentage}, which stops the load once more than that share of the rows sent was
 * refused, counted after the first 1,000 rows (a few bad rows at the start do not stop a large
 * table). Thread-safe: the partitions of a table load on several threads.
 */
final class FullLoadErrors {
  private static final Logger log = LoggerFactory.getLogger(FullLoadErrors.class);
  static final long COUNTED_AFTER = 1_000;

  private final String table;
  private final int percentage;
  private long sent;
  private long refused;

  FullLoadErrors(String table, int percentage) {
    this.table = table;
    this.percentage = percentage;
  }

  /** Adds what a bulk request did; throws when the refused share is now too large. */
  synchronized void record(OpenSearchBulk.Outcome outcome) {
    sent += outcome.written() + outcome.refused();
    refused += outcome.refused();
    if (outcome.refused() == 0) {
      return;
    }
    log.warn("OpenSearch refused {} rows of {} ({} of {} so far); first: {}", outcome.refused(),
        table, refused, sent, outcome.firstRefusal());
    if (sent >= COUNTED_AFTER && refused * 100 > (long) percentage * sent) {
      throw new OpenDmsException(ErrorCode.TARGET_WRITE_FAILED, "full load of " + table
          + " stopped: OpenSearch refused " + refused + " of " + sent + " rows, more than"
          + " ElasticsearchSettings.FullLoadErrorPercentage " + percentage + "%; first: "
          + outcome.firstRefusal());
    }
  }

  synchronized long refused() {
    return refused;
  }
}
