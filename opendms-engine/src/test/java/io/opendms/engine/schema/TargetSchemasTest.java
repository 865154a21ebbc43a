package io.opendms.engine.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.opendms.engine.plan.TablePlan;
import io.opendms.spi.schema.ColumnDefault;
import io.opendms.spi.schema.ForeignKey;
import io.opendms.spi.schema.IndexDefinition;
import io.opendms.spi.schema.SkippedObject;
import io.opendms.spi.schema.SourceSchema;
import io.opendms.spi.schema.TableSchema;
import io.opendms.spi.table.Column;
import io.opendms.spi.table.TableDefinition;
import io.opendms.spi.table.TableId;
import io.opendms.spi.target.TargetTable;
import io.opendms.spi.type.DataType;
import io.opendms.spi.type.DmsType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TargetSchemasTest {

  static final TableId CUSTOMERS = new TableId("shop", "customers");
  static final TableId ORDERS = new TableId("shop", "orders");
  static final TableId NOTES = new TableId("shop", "notes");

  @Test
  void namesTablesAndReferencesAsOnTheTarget() {
    List<SkippedObject> skipped = new ArrayList<>();
    Map<TableId, TableSchema> schemas = TargetSchemas.of(schema(
        table(ORDERS, List.of(new IndexDefinition("ix_customer", false, List.of("customer_id"))),
            List.of(key("fk_customer", CUSTOMERS))),
        table(CUSTOMERS, List.of(), List.of())), List.of(plan(ORDERS, "copy"),
            plan(CUSTOMERS, "copy")), skipped);

    TableSchema orders = schemas.get(new TableId("copy", "orders"));
    assertThat(orders.table().id()).isEqualTo(new TableId("copy", "orders"));
    assertThat(orders.indexes()).extracting(IndexDefinition::name).containsExactly("ix_customer");
    assertThat(orders.foreignKeys()).extracting(ForeignKey::referencedTable)
        .containsExactly(new TableId("copy", "customers"));
    assertThat(orders.defaults()).extracting(ColumnDefault::column).containsExactly("id");
    assertThat(skipped).isEmpty();
  }

  @Test
  void reportsWhatTheTargetTablesCannotCarry() {
    List<SkippedObject> skipped = new ArrayList<>();
    Map<TableId, TableSchema> schemas = TargetSchemas.of(schema(
        table(ORDERS, List.of(new IndexDefinition("ix_gone", true, List.of("gone"))),
            List.of(key("fk_notes", NOTES)))), List.of(plan(ORDERS, "shop")), skipped);

    assertThat(schemas.get(ORDERS).indexes()).isEmpty();
    assertThat(schemas.get(ORDERS).foreignKeys()).isEmpty();
    assertThat(skipped).extracting(SkippedObject::toString).containsExactly(
        "index shop.orders.ix_gone: column gone is not in the target table",
        "foreign key shop.orders.fk_notes: references shop.notes, which the task does not migrate");
  }

  static SourceSchema schema(TableSchema... tables) {
    return new SourceSchema(List.of(tables), List.of());
  }

  static TableSchema table(TableId id, List<IndexDefinition> indexes, List<ForeignKey> keys) {
    return new TableSchema(definition(id), List.of(new ColumnDefault("id",
        ColumnDefault.Kind.IDENTITY, "")), indexes, keys);
  }

  static ForeignKey key(String name, TableId referenced) {
    return new ForeignKey(name, List.of("customer_id"), referenced, List.of("id"), "NO ACTION",
        "NO ACTION");
  }

  static TablePlan plan(TableId source, String targetSchema) {
    TableDefinition definition = definition(source);
    return new TablePlan(definition, new TargetTable(new TableId(targetSchema, source.name()),
        "postgres", definition.columns(), definition.primaryKey()), 0);
  }

  static TableDefinition definition(TableId id) {
    return new TableDefinition(id, "postgres", List.of(
        new Column("id", DataType.of(DmsType.INT8), false, "bigint"),
        new Column("customer_id", DataType.of(DmsType.INT8), true, "bigint")),
        List.of("id"), 0, 0);
  }
}
