package io.opendms.engine.schema;

import static io.opendms.engine.schema.TargetSchemasTest.CUSTOMERS;
import static io.opendms.engine.schema.TargetSchemasTest.ORDERS;
import static io.opendms.engine.schema.TargetSchemasTest.key;
import static io.opendms.engine.schema.TargetSchemasTest.plan;
import static io.opendms.engine.schema.TargetSchemasTest.schema;
import static io.opendms.engine.schema.TargetSchemasTest.table;
import static org.assertj.core.api.Assertions.assertThat;

import io.opendms.engine.plan.TablePlan;
import io.opendms.spi.schema.SkippedObject;
import io.opendms.spi.schema.TableSchema;
import io.opendms.spi.table.TableId;
import io.opendms.spi.target.PrepMode;
import io.opendms.spi.target.TablePreparation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchemaPreparingTargetTest {

  private static final TableId ITEMS = new TableId("shop", "items");
  private static final TablePreparation DROP = new TablePreparation(PrepMode.DROP_AND_CREATE, false);

  private final RecordingTarget recording = new RecordingTarget();
  private final List<String> calls = recording.calls;
  private final List<SkippedObject> reported = new ArrayList<>();

  @Test
  void dropsReferencingTablesFirstThenCreatesEachWithItsDefaults() {
    // items -> orders -> customers: an earlier run's keys would block dropping orders and customers
    List<TablePlan> plans = List.of(plan(CUSTOMERS, "shop"), plan(ORDERS, "shop"),
        plan(ITEMS, "shop"));
    SchemaPreparingTarget target = target(plans, null);

    plans.forEach(p -> target.prepare(p.target(), DROP));

    assertThat(calls).containsExactly("bare shop.items", "bare shop.orders",
        "with defaults shop.customers", "with defaults shop.orders", "with defaults shop.items");
  }

  @Test
  void aTableRefusedWithItsDefaultsIsCreatedBareAndReported() {
    List<TablePlan> plans = List.of(plan(CUSTOMERS, "shop"));
    SchemaPreparingTarget target = target(plans, CUSTOMERS);

    target.prepare(plans.get(0).target(), DROP);

    assertThat(calls).containsExactly("with defaults shop.customers", "bare shop.customers");
    assertThat(reported).singleElement().asString()
        .startsWith("defaults shop.customers: the table was created without its defaults")
        .contains("no such function");
  }

  @Test
  void otherPreparationsKeepTheTargetsTables() {
    List<TablePlan> plans = List.of(plan(CUSTOMERS, "shop"));
    target(plans, null).prepare(plans.get(0).target(),
        new TablePreparation(PrepMode.TRUNCATE_BEFORE_LOAD, false));

    assertThat(calls).containsExactly("bare shop.customers");
  }

  private SchemaPreparingTarget target(List<TablePlan> plans, TableId refused) {
    Map<TableId, TableSchema> schemas = TargetSchemas.of(schema(
        table(CUSTOMERS, List.of(), List.of()),
        table(ORDERS, List.of(), List.of(key("fk_customer", CUSTOMERS))),
        table(ITEMS, List.of(), List.of(key("fk_order", ORDERS)))), plans, reported);
    recording.refuseDefaultsOf = refused;
    return new SchemaPreparingTarget(recording, recording, schemas, plans, reported::addAll);
  }
}
