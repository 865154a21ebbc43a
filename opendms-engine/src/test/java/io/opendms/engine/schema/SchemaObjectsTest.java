package io.opendms.engine.schema;

import static io.opendms.engine.schema.TargetSchemasTest.CUSTOMERS;
import static io.opendms.engine.schema.TargetSchemasTest.ORDERS;
import static io.opendms.engine.schema.TargetSchemasTest.plan;
import static org.assertj.core.api.Assertions.assertThat;

import io.opendms.engine.fullload.TableStatus;
import io.opendms.engine.plan.TablePlan;
import io.opendms.engine.task.TableState;
import io.opendms.spi.target.PrepMode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaObjectsTest {

  private static final List<TablePlan> PLANS = List.of(plan(CUSTOMERS, "shop"),
      plan(ORDERS, "shop"));

  private final RecordingTarget target = new RecordingTarget();
  private final List<String> calls = target.calls;
  private final List<TableStatus> recorded = new ArrayList<>();

  @Test
  void fullLoadCreatesIndexesPerTableThenForeignKeysAndCounters() {
    SchemaObjects objects = objects(false);

    objects.afterEachTable(recorded::add).accept(status(PLANS.get(1), TableState.TABLE_COMPLETED));
    objects.fullLoadFinished(PLANS, List.of());

    assertThat(calls).containsExactly("indexes shop.orders [ix_customer, uq_total]",
        "foreign keys shop.orders [fk_customer]", "counter shop.orders.id 42");
    assertThat(recorded).hasSize(1);
  }

  @Test
  void aForeignKeyToATableThatFailedIsNotCreated() {
    objects(false).fullLoadFinished(PLANS, List.of(status(PLANS.get(0), TableState.TABLE_ERROR)));

    assertThat(calls).containsExactly("counter shop.orders.id 42");
  }

  @Test
  void withCdcAndBatchApplyUniqueIndexesAndForeignKeysWaitForTheCutOver() {
    SchemaObjects objects = objects(true);

    objects.afterEachTable(recorded::add).accept(status(PLANS.get(1), TableState.TABLE_COMPLETED));
    objects.changeProcessingStopped(false);
    assertThat(calls).containsExactly("indexes shop.orders [ix_customer]",
        "counter shop.orders.id 42");

    calls.clear();
    objects.changeProcessingStopped(true);
    assertThat(calls).containsExactly("indexes shop.orders [uq_total]",
        "foreign keys shop.orders [fk_customer]", "counter shop.orders.id 42");
  }

  @Test
  void aFailedTableGetsNoIndexes() {
    objects(false).afterEachTable(recorded::add)
        .accept(status(PLANS.get(1), TableState.TABLE_ERROR));

    assertThat(calls).isEmpty();
    assertThat(recorded).hasSize(1);
  }

  private SchemaObjects objects(boolean deferUnique) {
    return SchemaObjects.forTask("t", new FixedSource(), target, PLANS,
        PrepMode.DROP_AND_CREATE, true, true, deferUnique);
  }

  private static TableStatus status(TablePlan plan, TableState state) {
    return new TableStatus(plan, state, 0, 1, null, null, null, null, 0);
  }
}
