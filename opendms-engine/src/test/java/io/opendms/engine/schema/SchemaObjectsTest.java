package io.opendms.engine.schema;

import static io.opendms.engine.schema.TargetSchemasTest.CUSTOMERS;
import static io.opendms.engine.schema.TargetSchemasTest.ORDERS;
import static io.opendms.engine.schema.TargetSchemasTest.key;
import static io.opendms.engine.schema.TargetSchemasTest.plan;
import static io.opendms.engine.schema.TargetSchemasTest.schema;
import static io.opendms.engine.schema.TargetSchemasTest.table;
import static org.assertj.core.api.Assertions.assertThat;

import io.opendms.engine.fullload.TableStatus;
import io.opendms.engine.plan.TablePlan;
import io.opendms.engine.task.TableState;
import io.opendms.spi.data.NativeFormat;
import io.opendms.spi.schema.ForeignKey;
import io.opendms.spi.schema.IdentityCounter;
import io.opendms.spi.schema.IndexDefinition;
import io.opendms.spi.schema.SchemaObjectTarget;
import io.opendms.spi.schema.SchemaSource;
import io.opendms.spi.schema.SkippedObject;
import io.opendms.spi.schema.SourceSchema;
import io.opendms.spi.schema.StandaloneSequence;
import io.opendms.spi.schema.TableSchema;
import io.opendms.spi.source.SnapshotSession;
import io.opendms.spi.source.SourceConnector;
import io.opendms.spi.table.TableDefinition;
import io.opendms.spi.table.TableId;
import io.opendms.spi.target.PrepMode;
import io.opendms.spi.target.TablePreparation;
import io.opendms.spi.target.TargetConnector;
import io.opendms.spi.target.TargetSession;
import io.opendms.spi.target.TargetTable;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class SchemaObjectsTest {

  private static final List<TablePlan> PLANS = List.of(plan(CUSTOMERS, "shop"),
      plan(ORDERS, "shop"));

  private final List<String> calls = new ArrayList<>();
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
    return SchemaObjects.forTask("t", new FakeSource(), new FakeTarget(), PLANS,
        PrepMode.DROP_AND_CREATE, true, true, deferUnique);
  }

  private static TableStatus status(TablePlan plan, TableState state) {
    return new TableStatus(plan, state, 0, 1, null, null, null, null);
  }

  private static final class FakeSource implements SourceConnector, SchemaSource {
    @Override
    public SourceSchema describeSchema(Predicate<TableId> wanted) {
      return schema(table(CUSTOMERS, List.of(), List.of()), table(ORDERS, List.of(
          new IndexDefinition("ix_customer", false, List.of("customer_id")),
          new IndexDefinition("uq_total", true, List.of("customer_id", "id"))),
          List.of(key("fk_customer", CUSTOMERS))));
    }

    @Override
    public List<IdentityCounter> identityCounters(Predicate<TableId> wanted) {
      return List.of(new IdentityCounter(ORDERS, "id", 42));
    }

    @Override
    public List<StandaloneSequence> standaloneSequences(Set<String> schemas) {
      return List.of();
    }

    @Override
    public List<TableDefinition> discover(Predicate<TableId> wanted) {
      throw new UnsupportedOperationException("planned already");
    }

    @Override
    public SnapshotSession openSnapshot() {
      throw new UnsupportedOperationException("nothing is read");
    }

    @Override
    public void close() {}
  }

  private final class FakeTarget implements TargetConnector, SchemaObjectTarget {
    @Override
    public List<SkippedObject> prepare(TableSchema table, TablePreparation preparation) {
      calls.add("prepare " + table.table().id());
      return List.of();
    }

    @Override
    public List<SkippedObject> createIndexes(TableSchema table) {
      calls.add("indexes " + table.table().id() + " "
          + table.indexes().stream().map(IndexDefinition::name).toList());
      return List.of();
    }

    @Override
    public List<SkippedObject> createForeignKeys(TableSchema table) {
      calls.add("foreign keys " + table.table().id() + " "
          + table.foreignKeys().stream().map(ForeignKey::name).toList());
      return List.of();
    }

    @Override
    public OptionalLong syncCounter(IdentityCounter counter) {
      calls.add("counter " + counter.table() + "." + counter.column() + " " + counter.nextValue());
      return OptionalLong.of(counter.nextValue());
    }

    @Override
    public OptionalLong syncSequence(StandaloneSequence sequence) {
      return OptionalLong.empty();
    }

    @Override
    public void prepare(TargetTable table, TablePreparation preparation) {}

    @Override
    public List<NativeFormat> importFormats(TargetTable table) {
      return List.of();
    }

    @Override
    public TargetSession openSession() {
      throw new UnsupportedOperationException("nothing is loaded");
    }

    @Override
    public void complete(TargetTable table, TablePreparation preparation) {}

    @Override
    public void close() {}
  }
}
