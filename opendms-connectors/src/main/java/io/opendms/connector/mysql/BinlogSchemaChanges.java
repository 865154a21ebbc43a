package io.opendms.connector.mysql;

import io.opendms.spi.change.DdlApplier;
import io.opendms.spi.change.SchemaChange;
import io.opendms.spi.table.Column;
import io.opendms.spi.table.TableDefinition;
import io.opendms.spi.table.TableId;
import io.opendms.spi.type.DataType;
import io.opendms.spi.type.DmsType;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the DDL of captured tables in the binlog: after an ALTER (or a RENAME that put another
 * table in a captured one's place, as online schema change tools do) the table's columns are read
 * again and compared with the ones before, the statement saying which columns exist after it
 * ({@link AlterColumns}, also its renames); a DROP ends the table's capture. The capture's table and character
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
      Optional<String> alter = affects.verb() == BinlogDdl.Verb.ALTER ? Optional.of(statement) : Optional.empty();
      compare(table, alter, statement, position).ifPresent(changes::add);
    }
    changes.forEach(c -> log.info("binlog {}: {} of {}: '{}'", position, DdlApplier.describe(c),
        c.table(), statement));
    return changes;
  }

  /** The change a table map showed: the columns read again and compared, without renames. */
  Optional<SchemaChange> reread(TableId table, String position) {
    Optional<SchemaChange> change = compare(table, Optional.empty(), "a DDL", position);
    change.ifPresent(c -> log.info("binlog {}: {} changed its columns before this stream: {}",
        position, table, DdlApplier.describe(c)));
    return change;
  }

  /**
   * The table's change: with an ALTER statement, the columns it leaves, those it defines (added,
   * changed, modified) as the catalog describes them and the others as before (the catalog may
   * already show a later DDL); otherwise the catalog's columns.
   */
  private Optional<SchemaChange> compare(TableId table, Optional<String> alter, String statement,
      String position) {
    TableDefinition before = tables.get(table);
    Optional<AlterColumns.Effect> effect = alter.flatMap(s -> AlterColumns.of(s,
        before.columns().stream().map(Column::name).toList()));
    // the catalog may miss a table while a later ALTER copies it: the statement still tells
    Optional<BinlogTableReader.Described> now = reader.read(table);
    if (now.isEmpty() && effect.isEmpty()) {
      log.warn("binlog {}: captured table {} is gone after '{}'; its changes are no longer"
          + " captured", position, table, statement);
      tables.remove(table);
      charsets.remove(table);
      return Optional.empty();
    }
    List<Column> catalog = now.map(d -> d.table().columns()).orElse(List.of());
    List<Charset> catalogSets = now.map(BinlogTableReader.Described::charsets).orElse(List.of());
    List<Column> columns = new ArrayList<>(catalog);
    List<Charset> sets = new ArrayList<>(catalogSets);
    Map<String, String> renames = effect.map(AlterColumns.Effect::renames).orElse(Map.of());
    if (effect.isPresent()) {
      columns.clear();
      sets.clear();
      for (String name : effect.get().names()) {
        int known = indexOf(catalog, name);
        String origin = renames.entrySet().stream().filter(e -> e.getValue().equals(name))
            .map(Map.Entry::getKey).findFirst().orElse(name);
        int old = indexOf(before.columns(), origin);
        if (known >= 0 && (old < 0 || effect.get().defined().contains(name))) {
          columns.add(catalog.get(known));
          sets.add(catalogSets.get(known));
        } else if (old >= 0) {
          Column was = before.columns().get(old);
          columns.add(new Column(name, was.type(), was.nullable(), was.nativeType(), was.enumLabels()));
          sets.add(charsets.get(table).get(old));
        } else {
          // added and changed again since: its rows until then read as text
          columns.add(new Column(name, DataType.of(DmsType.NCLOB), true, "longtext"));
          sets.add(StandardCharsets.UTF_8);
        }
      }
    }
    if (columns.equals(before.columns())) {
      return Optional.empty();
    }
    SchemaChange change = SchemaChange.altered(table, before.columns(), columns, renames,
        alter.isPresent() || !statement.equals("a DDL") ? Optional.of(statement) : Optional.empty());
    tables.put(table, new TableDefinition(table, before.engine(), columns,
        change.keyAfter(before.primaryKey()), before.estimatedRows(), before.estimatedBytes()));
    charsets.put(table, java.util.Collections.unmodifiableList(sets));
    return Optional.of(change);
  }

  private static int indexOf(List<Column> columns, String name) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }
}
