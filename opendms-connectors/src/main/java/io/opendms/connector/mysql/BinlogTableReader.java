package io.opendms.connector.mysql;

import io.opendms.spi.endpoint.EndpointConfig;
import io.opendms.spi.table.TableDefinition;
import io.opendms.spi.table.TableId;
import java.nio.charset.Charset;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a captured table's columns again after a DDL in the binlog changed them, as discovery
 * reads them, with their character sets. The binlog logs the statement, not the columns it left;
 * the catalog shows them now, which may already include a later DDL (then the next statement
 * reads them again). Opens its connection when first needed and keeps it until {@link #close}.
 * Confined to the capture thread.
 */
final class BinlogTableReader implements AutoCloseable {

  /** A table's columns and each column's character set (null for non-text columns). */
  record Described(TableDefinition table, List<Charset> charsets) {}

  private final EndpointConfig endpoint;
  private final MySqlSettings settings;
  private final MySqlErrors errors;
  private Connection connection;

  BinlogTableReader(EndpointConfig endpoint, MySqlSettings settings, MySqlErrors errors) {
    this.endpoint = endpoint;
    this.settings = settings;
    this.errors = errors;
  }

  /** The table as the server describes it now; empty when it does not exist. */
  Optional<Described> read(TableId table) {
    try {
      if (connection == null) {
        connection = MySqlConnections.openServer(endpoint, settings);
      }
      List<TableDefinition> found = new TableDiscovery(connection, table.schema()).discover(table::equals);
      if (found.isEmpty()) {
        return Optional.empty();
      }
      Map<TableId, List<Charset>> charsets = BinlogCaptureOpener.charsets(connection, found);
      return Optional.of(new Described(found.get(0), charsets.get(table)));
    } catch (SQLException e) {
      MySqlConnections.closeQuietly(connection);
      connection = null;
      throw errors.translate(e, "cannot read the columns of a table a DDL changed", table);
    }
  }

  @Override
  public void close() {
    MySqlConnections.closeQuietly(connection);
    connection = null;
  }
}
