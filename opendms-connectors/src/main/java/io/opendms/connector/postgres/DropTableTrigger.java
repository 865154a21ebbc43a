package io.opendms.connector.postgres;

import io.opendms.spi.table.TableId;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a DROP TABLE visible to logical decoding, which carries no DDL: an event trigger on {@code
 * sql_drop} writes a transactional logical message ({@link #PREFIX}) per dropped table into the
 * WAL, which pgoutput streams in the dropping transaction. DMS installs an event trigger for the
 * same reason ({@code CaptureDdls}). Creating an event trigger takes a superuser; without one the
 * capture goes on and a dropped table is not dropped on the target (logged). Stateless.
 */
final class DropTableTrigger {
  private static final Logger log = LoggerFactory.getLogger(DropTableTrigger.class);

  /** The prefix of the trigger's messages; the content is {@code <schema length>:<schema><table>}. */
  static final String PREFIX = "opendms_ddl";
  static final String NAME = "opendms_intercept_ddl";

  private DropTableTrigger() {}

  /** Creates the function (in {@code schema}) and the event trigger when missing. */
  static void install(Connection connection, String schema) {
    String function = SqlNames.quote(schema) + "." + NAME;
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE OR REPLACE FUNCTION " + function + "() RETURNS event_trigger"
          + " LANGUAGE plpgsql AS $body$ DECLARE dropped record; BEGIN"
          + " FOR dropped IN SELECT schema_name, object_name FROM pg_event_trigger_dropped_objects()"
          + " WHERE object_type = 'table' AND original AND NOT is_temporary LOOP"
          + " PERFORM pg_logical_emit_message(true, '" + PREFIX + "', length(dropped.schema_name)"
          + " || ':' || dropped.schema_name || dropped.object_name); END LOOP; END $body$");
      statement.execute("DO $body$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_event_trigger"
          + " WHERE evtname = '" + NAME + "') THEN CREATE EVENT TRIGGER " + NAME
          + " ON sql_drop EXECUTE FUNCTION " + function + "(); END IF; END $body$");
    } catch (SQLException e) {
      log.warn("cannot install the event trigger {} that captures DROP TABLE ({}): a dropped"
          + " table will not be dropped on the target (CaptureDdls=false skips this)", NAME,
          e.getMessage());
    }
  }

  /** The table a message of the trigger names; empty for other messages. */
  static Optional<TableId> dropped(String prefix, byte[] content) {
    if (!prefix.equals(PREFIX)) {
      return Optional.empty();
    }
    String text = new String(content, StandardCharsets.UTF_8);
    int colon = text.indexOf(':');
    int length = Integer.parseInt(text.substring(0, colon));
    String rest = text.substring(colon + 1);
    return Optional.of(new TableId(rest.substring(0, length), rest.substring(length)));
  }
}
