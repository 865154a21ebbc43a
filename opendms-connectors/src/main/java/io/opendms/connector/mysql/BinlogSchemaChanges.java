package io.opendms.connector.mysql;

import io.opendms.spi.change.DdlApplier;
import io.opendms.spi.change.SchemaChange;
import io.opendms.spi.table.TableDefinition;
import io.opendms.spi.table.TableId;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the DDL of captured tables in the binlog: after an ALTER (or a RENAME that put another
 * table in a captured one's place, as online schema change tools do) the table's columns are read
 * again and compared with the ones before, renames taken from the statement ({@code RENAME
 * COLUMN}, {@code CHANGE}); a DROP ends the table's capture. The capture's table and character
 * set maps are updated in place, so row events that follow decode in the new columns. A captured
 * table renamed away is no longer captured (its rows now come under a name the task does not
 * replicate). Confined to the capture thread.
 */
final class BinlogSchemaChanges {
  private static final Logger log = LoggerFactory.getLogger(BinlogSchemaChanges.class);

  private final Map<TableId, TableDefinition> tables;
  private final Map<TableId, List<Charset>> charsets;
  private final BinlogTableReader reader;

  BinlogSchemaChanges(Map<TableId, TableDefinition> tables, Map<TableId, List<Charset>> charsets,
      BinlogTableReader reader) {
    this.tables = tables;
    this.charsets = charsets;
    this.reader = reader;
  }

  /** The changes a DDL statement at {@code position} made to the captured tables it names. */
  List<SchemaChange> after(BinlogDdl.Affects affects, String statement, String position) {
    List<SchemaChange> changes = new ArrayList<>();
    for (TableId table : affects.tables()) {
      if (affects.verb() == BinlogDdl.Verb.DROP) {
        tables.remove(table);
        charsets.remove(table);
        changes.add(SchemaChange.dropped(table, Optional.of(statement)));
        continue;
      }
      Map<String, String> renames = affects.verb() == BinlogDdl.Verb.ALTER
          ? BinlogDdl.columnRenames(statement) : Map.of();
      compare(table, renames, Optional.of(statement), position).ifPresent(changes::add);
    }
    changes.forEach(c -> log.info("binlog {}: {} of {}: '{}'", position, DdlApplier.describe(c),
        c.table(), statement));
    return changes;
  }

  /** The change a table map showed: the columns read again and compared, without renames. */
  Optional<SchemaChange> reread(TableId table, String position) {
    Optional<SchemaChange> change = compare(table, Map.of(), Optional.empty(), position);
    change.ifPresent(c -> log.info("binlog {}: {} changed its columns before this stream: {}",
        position, table, DdlApplier.describe(c)));
    return change;
  }

  private Optional<SchemaChange> compare(TableId table, Map<String, String> renames,
      Optional<String> statement, String position) {
    TableDefinition before = tables.get(table);
    Optional<BinlogTableReader.Described> now = reader.read(table);
    if (now.isEmpty()) {
      log.warn("binlog {}: captured table {} is gone after '{}'; its changes are no longer"
          + " captured", position, table, statement.orElse("a DDL"));
      tables.remove(table);
      charsets.remove(table);
      return Optional.empty();
    }
    TableDefinition after = now.get().table();
    tables.put(table, after);
    charsets.put(table, now.get().charsets());
    if (after.columns().equals(before.columns())) {
      return Optional.empty();
    }
    return Optional.of(SchemaChange.altered(table, before.columns(), after.columns(), renames, statement));
  }
}
