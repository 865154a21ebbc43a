package io.opendms.engine.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opendms.engine.mapping.TableMappings;
import io.opendms.engine.mapping.TableTransform;
import io.opendms.spi.change.Begin;
import io.opendms.spi.change.DataChange;
import io.opendms.spi.change.RowChange;
import io.opendms.spi.change.SchemaChange;
import io.opendms.spi.change.SchemaChange.ColumnChange;
import io.opendms.spi.change.Truncate;
import io.opendms.spi.error.ErrorCategory;
import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.table.Column;
import io.opendms.spi.table.TableDefinition;
import io.opendms.spi.table.TableId;
import io.opendms.spi.type.DataType;
import io.opendms.spi.type.DmsType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DdlRoutingTest {
  private static final TableId ITEMS = new TableId("shop", "items");
  private static final Column ID = new Column("id", DataType.of(DmsType.INT8), false, "bigint");
  private static final Column QTY = new Column("qty", DataType.of(DmsType.INT4), true, "integer");
  private static final Column NOTE = new Column("note", DataType.string(DmsType.STRING, 50), true, "varchar(50)");
  private static final Column SECRET = new Column("secret", DataType.string(DmsType.STRING, 9), true, "varchar(9)");
  private static final TableDefinition SOURCE = new TableDefinition(ITEMS, "postgres",
      List.of(ID, QTY, NOTE, SECRET), List.of("id"), 0, 0);
  /** Renames the table and the column qty, removes secret. */
  private static final TableMappings MAPPINGS = TableMappings.parse("{\"rules\":["
      + "{\"rule-type\":\"selection\",\"rule-id\":\"1\",\"rule-name\":\"1\",\"rule-action\":\"include\","
      + "\"object-locator\":{\"schema-name\":\"shop\",\"table-name\":\"%\"}},"
      + "{\"rule-type\":\"transformation\",\"rule-id\":\"2\",\"rule-name\":\"2\",\"rule-target\":\"table\","
      + "\"rule-action\":\"rename\",\"value\":\"stock\",\"object-locator\":{\"schema-name\":\"shop\",\"table-name\":\"items\"}},"
      + "{\"rule-type\":\"transformation\",\"rule-id\":\"3\",\"rule-name\":\"3\",\"rule-target\":\"column\","
      + "\"rule-action\":\"rename\",\"value\":\"quantity\",\"object-locator\":{\"schema-name\":\"shop\","
      + "\"table-name\":\"items\",\"column-name\":\"qty\"}},"
      + "{\"rule-type\":\"transformation\",\"rule-id\":\"4\",\"rule-name\":\"4\",\"rule-target\":\"column\","
      + "\"rule-action\":\"remove-column\",\"object-locator\":{\"schema-name\":\"shop\","
      + "\"table-name\":\"items\",\"column-name\":\"secret\"}}]}");
  private static final Begin TRANSACTION = new Begin(7, Instant.parse("2026-01-01T00:00:00Z"));

  private static TransformingRouting routing(DdlPolicy policy) {
    return new TransformingRouting(Map.of(ITEMS, transform(SOURCE)), policy, DdlRoutingTest::transform);
  }

  private static TableTransform transform(TableDefinition table) {
    return MAPPINGS.transform(table, "");
  }

  private static SchemaChange alter(List<Column> after, Map<String, String> renames) {
    return SchemaChange.altered(ITEMS, SOURCE.columns(), after, renames, Optional.of("ALTER ..."));
  }

  @Test
  void aSourceDdlBecomesTheTargetsInTargetNames() {
    Column remark = new Column("remark", NOTE.type(), true, NOTE.nativeType());
    Column wide = new Column("qty", DataType.of(DmsType.INT8), true, "bigint");
    Column extra = new Column("extra", DataType.string(DmsType.STRING, 5), true, "varchar(5)");
    SchemaChange source = alter(List.of(ID, wide, remark, extra), Map.of("note", "remark"));
    TransformingRouting routing = routing(DdlPolicy.APPLY_ALL);

    SchemaChange target = (SchemaChange) routing.route(source, TRANSACTION);

    assertThat(target.table()).isEqualTo(new TableId("shop", "stock"));
    assertThat(target.columns()).extracting(Column::name).containsExactly("id", "quantity", "remark", "extra");
    assertThat(target.columnChanges()).containsExactly(
        ColumnChange.renamed("note", target.columns().get(2)),
        ColumnChange.retyped(target.columns().get(1)),
        ColumnChange.added(target.columns().get(3)));
    RowChange row = (RowChange) routing.route(RowChange.of(ITEMS, RowChange.Operation.INSERT, null,
        new Object[] {1L, 2L, "r", "x"}, List.of()), TRANSACTION);
    assertThat(row.after()).containsExactly(1L, 2L, "r", "x");
  }

  @Test
  void aDroppedColumnTheMappingRemovedChangesNothingOnTheTarget() {
    SchemaChange source = alter(List.of(ID, QTY, NOTE), Map.of());
    assertThat(routing(DdlPolicy.APPLY_ALL).route(source, TRANSACTION)).isNull();
  }

  @Test
  void withAlterationsOffRowsAreFittedOntoTheTargetsColumns() {
    Column extra = new Column("extra", DataType.string(DmsType.STRING, 5), true, "varchar(5)");
    TransformingRouting routing = routing(new DdlPolicy(true, true, false));
    assertThat(routing.route(alter(List.of(ID, extra, QTY, SECRET), Map.of()), TRANSACTION)).isNull();

    RowChange row = (RowChange) routing.route(RowChange.of(ITEMS, RowChange.Operation.INSERT, null,
        new Object[] {1L, "x", 2, "s"}, List.of()), TRANSACTION);

    assertThat(row.table()).isEqualTo(new TableId("shop", "stock"));
    assertThat(row.after()).containsExactly(1L, 2, null); // id, quantity, note (dropped: NULL)
  }

  @Test
  void truncationsAndDropsFollowThePolicy() {
    Truncate truncate = new Truncate(List.of(ITEMS), false);
    SchemaChange drop = SchemaChange.dropped(ITEMS, Optional.empty());
    assertThat(routing(DdlPolicy.APPLY_ALL).route(truncate, TRANSACTION))
        .isEqualTo(new Truncate(List.of(new TableId("shop", "stock")), false));
    assertThat(routing(DdlPolicy.APPLY_ALL).route(drop, TRANSACTION))
        .isEqualTo(SchemaChange.dropped(new TableId("shop", "stock"), Optional.empty()));
    DdlPolicy off = new DdlPolicy(false, false, false);
    assertThat(routing(off).route(truncate, TRANSACTION)).isNull();
    assertThat(routing(off).route(drop, TRANSACTION)).isNull();
  }

  @Test
  void aCapturedTruncationFailsTheTaskWhenApplyErrorFailOnTruncationDdlIsSet() {
    Truncate truncate = new Truncate(List.of(ITEMS), false);
    Truncate ofAnotherTable = new Truncate(List.of(new TableId("shop", "other")), false);

    for (boolean applied : new boolean[] {true, false}) {
      TransformingRouting routing = routing(new DdlPolicy(true, applied, true, true));
      assertThatThrownBy(() -> routing.route(truncate, TRANSACTION))
          .isInstanceOfSatisfying(OpenDmsException.class,
              e -> assertThat(e.category()).isNotEqualTo(ErrorCategory.TRANSIENT))
          .hasMessageContaining("[shop.items]")
          .hasMessageContaining("ApplyErrorFailOnTruncationDdl");
      assertThat(routing.route(ofAnotherTable, TRANSACTION)).as("not replicated").isNull();
    }
  }

  @Test
  void aSchemaChangeSurvivesTheSpillFiles() throws Exception {
    SchemaChange change = alter(List.of(ID, new Column("qty", DataType.numeric(12, 2), true,
        "numeric(12,2)", List.of()), new Column("mood", DataType.string(DmsType.WSTRING, 3), true,
        "mood", List.of("sad", "ok"))), Map.of());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ChangeCodec.write(change, new DataOutputStream(bytes));
    DataChange read = (DataChange) ChangeCodec.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    assertThat(read).isEqualTo(change);
    assertThat(Arrays.asList(change.columnChanges().get(0).kind())).containsExactly(ColumnChange.Kind.DROP_COLUMN);
  }
}
