package io.opendms.connector.mysql;

import io.opendms.spi.change.CaptureRequest;
import io.opendms.spi.change.ChangeCapture;
import io.opendms.spi.change.Commit;
import io.opendms.spi.change.RowChange;
import io.opendms.spi.endpoint.EndpointConfig;
import io.opendms.spi.endpoint.SslMode;
import io.opendms.spi.position.BinlogPosition;
import io.opendms.spi.table.TableDefinition;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Capture-only benchmark for bench/cdc-mysql.sh: streams the binlog from a start position,
 * decodes every change of the database's tables to canonical values and discards it, until a
 * commit at or past the end position; prints changes/s.
 *
 * <pre>java -cp opendms.jar:opendms-connectors/target/test-classes \
 *   io.opendms.connector.mysql.BinlogCaptureBench DATABASE START END</pre>
 */
public final class BinlogCaptureBench {
  private BinlogCaptureBench() {}

  public static void main(String[] args) {
    String database = args[0];
    BinlogPosition start = BinlogPosition.parse(args[1]);
    BinlogPosition end = BinlogPosition.parse(args[2]);
    EndpointConfig endpoint = new EndpointConfig("mysql", "127.0.0.1", 3306, database, "root", "",
        SslMode.DISABLE, Map.of());
    try (MySqlSourceConnector source = MySqlSourceConnector.open(endpoint, 1 << 30)) {
      List<TableDefinition> tables = source.discover(t -> true);
      try (ChangeCapture capture = source.openCapture(new CaptureRequest("bench", tables,
          CaptureRequest.Start.EXISTING, Optional.of(start)))) {
        long[] changes = {0};
        long started = System.nanoTime();
        capture.stream(event -> {
          if (event instanceof RowChange) {
            changes[0]++;
          } else if (event instanceof Commit commit
              && ((BinlogPosition) commit.position()).compareTo(end) >= 0) {
            capture.stop();
          }
        });
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("capture-only: %d changes in %.2f s = %.0f changes/s%n", changes[0],
            seconds, changes[0] / seconds);
      }
    }
  }
}
