package io.opendms.connector.postgres;

import io.opendms.spi.change.CaptureRequest;
import io.opendms.spi.change.ChangeCapture;
import io.opendms.spi.change.Commit;
import io.opendms.spi.change.RowChange;
import io.opendms.spi.endpoint.EndpointConfig;
import io.opendms.spi.endpoint.SslMode;
import io.opendms.spi.position.PgLsn;
import io.opendms.spi.table.TableDefinition;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Capture-only benchmark for bench/cdc-pg.sh: streams an existing slot, decodes every change to
 * canonical values and discards it, until a commit at or past the end LSN; prints changes/s.
 *
 * <pre>java -cp opendms.jar:opendms-connectors/target/test-classes \
 *   io.opendms.connector.postgres.CaptureBench DATABASE SLOT END_LSN</pre>
 */
public final class CaptureBench {
  private CaptureBench() {}

  public static void main(String[] args) throws Exception {
    String database = args[0];
    String slot = args[1];
    PgLsn end = PgLsn.parse(args[2]);
    EndpointConfig endpoint = new EndpointConfig("postgres", "127.0.0.1", 5432, database, "postgres",
        "", SslMode.DISABLE, Map.of("SlotName", slot));
    try (PostgresSourceConnector source = PostgresSourceConnector.open(endpoint, 1 << 30)) {
      List<TableDefinition> tables = source.discover(t -> t.schema().equals("public"));
      try (ChangeCapture capture = source.openCapture(new CaptureRequest("bench", tables,
          CaptureRequest.Start.EXISTING, Optional.empty()))) {
        long[] changes = {0};
        long started = System.nanoTime();
        capture.stream(event -> {
          if (event instanceof RowChange) {
            changes[0]++;
          } else if (event instanceof Commit commit) {
            capture.acknowledge(commit.position());
            if (((PgLsn) commit.position()).compareTo(end) >= 0) {
              capture.stop();
            }
          }
        });
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("capture-only: %d changes in %.2f s = %.0f changes/s%n", changes[0],
            seconds, changes[0] / seconds);
      }
    }
  }
}
