package io.opendms.engine.fullload;

import static org.assertj.core.api.Assertions.assertThat;

import io.opendms.engine.mapping.TableMappings;
import io.opendms.engine.mapping.TableTransform;
import io.opendms.engine.plan.TablePlan;
import io.opendms.engine.settings.ErrorPolicy;
import io.opendms.engine.task.TableState;
import io.opendms.spi.change.ApplyConflict.Kind;
import io.opendms.spi.table.Column;
import io.opendms.spi.table.TableDefinition;
import io.opendms.spi.table.TableId;
import io.opendms.spi.target.PrepMode;
import io.opendms.spi.target.TablePreparation;
import io.opendms.spi.target.TargetTable;
import io.opendms.spi.type.DataType;
import io.opendms.spi.type.DmsType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FullLoadRunnerTest {
  private final InMemorySource source = new InMemorySource();
  private final InMemoryTarget target = new InMemoryTarget();
  private final List<TableStatus> finished = new CopyOnWriteArrayList<>();

  @Test
  void loadsEveryRowOfEveryPartitionExactlyOnce() {
    TablePlan big = table("big", 95);
    TablePlan small = table("small", 3);

    List<TableStatus> result = runner(4, true, big, small).run();

    assertThat(result).extracting(TableStatus::state).containsOnly(TableState.TABLE_COMPLETED);
    assertThat(result).extracting(TableStatus::rows).containsExactly(95L, 3L);
    assertThat(target.committed.get(id("big"))).hasSize(95).doesNotHaveDuplicates();
    assertThat(result.get(0).partitions()).isEqualTo(4);
    assertThat(target.events).filteredOn(e -> e.startsWith("complete")).containsExactlyInAnyOrder(
        "complete s.big", "complete s.small");
    assertThat(finished).hasSize(2);
  }

  @Test
  void completesTablesOnTheCoordinatingThreadOnly() {
    runner(3, true, table("a", 50), table("b", 50)).run();

    assertThat(target.completeThreads).containsExactly(Thread.currentThread());
  }

  @Test
  void takesTheNativePathWhenBothSidesShareAFormatAndDecodesOtherwise() {
    List<TableStatus> fast = runner(2, true, table("fast", 20)).run();
    assertThat(fast.get(0).path()).isEqualTo(LoadPath.of(InMemorySource.LINES));
    assertThat(target.events).contains("native s.fast").doesNotContain("rows s.fast");

    target.acceptsNative = false;
    List<TableStatus> slow = runner(2, true, table("slow", 20)).run();
    assertThat(slow.get(0).path()).isEqualTo(LoadPath.decoded());
    assertThat(target.events).contains("rows s.slow");
  }

  @Test
  void decodesWhenNativeFormatsAreNotAllowed() {
    List<TableStatus> result = runner(2, false, table("t", 20)).run();

    assertThat(result.get(0).path()).isEqualTo(LoadPath.decoded());
    assertThat(target.committed.get(id("t"))).hasSize(20);
  }

  @Test
  void aFailingTableEndsInErrorWhileTheOthersComplete() {
    source.failingReads.add(id("broken"));

    List<TableStatus> result = runner(2, true, table("broken", 40), table("fine", 40)).run();

    assertThat(result.get(0).state()).isEqualTo(TableState.TABLE_ERROR);
    assertThat(result.get(0).error()).contains("failed on purpose").contains("s.broken");
    assertThat(result.get(1).state()).isEqualTo(TableState.TABLE_COMPLETED);
    assertThat(target.events).doesNotContain("complete s.broken");
    assertThat(finished).extracting(TableStatus::state)
        .containsExactlyInAnyOrder(TableState.TABLE_ERROR, TableState.TABLE_COMPLETED);
  }

  @Test
  void rowsOfARolledBackPartitionAreNotCountedAsLoaded() {
    source.rowsPerPartition = 1000;
    target.failingCommits.add(id("t"));

    for (boolean allowNative : List.of(true, false)) {
      List<TableStatus> result = runner(2, allowNative, table("t", 3000)).run();

      assertThat(result.get(0).state()).isEqualTo(TableState.TABLE_ERROR);
      assertThat(result.get(0).error()).contains("refused on purpose");
      assertThat(result.get(0).rows()).isZero();
    }
  }

  @Test
  void aTableWhoseTargetCannotBePreparedFailsAndIsNotRead() {
    target.failingPrepare.add(id("t1"));

    List<TableStatus> result = runner(2, true, table("t1", 5), table("t2", 5)).run();

    assertThat(result.get(0).state()).isEqualTo(TableState.TABLE_ERROR);
    assertThat(result.get(0).error()).contains("cannot prepare target table");
    assertThat(result.get(1).state()).isEqualTo(TableState.TABLE_COMPLETED);
  }

  @Test
  void stoppedBeforeStartCancelsEveryTable() {
    FullLoadRunner runner = runner(2, true, table("t", 30));
    runner.stop();

    List<TableStatus> result = runner.run();

    assertThat(result.get(0).state()).isEqualTo(TableState.TABLE_CANCELLED);
    assertThat(target.committed.getOrDefault(id("t"), List.of())).isEmpty();
  }

  @Test
  void aTableWithNoRowsCompletes() {
    List<TableStatus> result = runner(4, true, table("empty", 0)).run();

    assertThat(result.get(0).state()).isEqualTo(TableState.TABLE_COMPLETED);
    assertThat(result.get(0).rows()).isZero();
  }

  @Test
  void transformedTablesAreDecodedAndLoadedAsTheMappingsSay() {
    TablePlan plain = table("items", 3);
    TableMappings mappings = TableMappings.parse("""
        {"rules": [
          {"rule-type": "selection", "rule-id": "1", "rule-name": "1", "rule-action": "include",
           "object-locator": {"schema-name": "s", "table-name": "%"}},
          {"rule-type": "transformation", "rule-id": "2", "rule-name": "2",
           "rule-target": "column", "rule-action": "add-column", "value": "label",
           "expression": "upper($name) || '/' || ($id * 10)",
           "data-type": {"type": "string", "length": 30},
           "object-locator": {"schema-name": "s", "table-name": "items"}}
        ]}
        """);
    TableTransform transform = mappings.transform(plain.source(), "copy");

    List<TableStatus> result = runner(1, true,
        new TablePlan(plain.source(), transform.target(), 0, transform)).run();

    assertThat(result.get(0).state()).isEqualTo(TableState.TABLE_COMPLETED);
    assertThat(result.get(0).path()).isEqualTo(LoadPath.decoded());
    assertThat(target.committed.get(new TableId("copy", "items")))
        .containsExactlyInAnyOrder("0\titems0\tITEMS0/0", "1\titems1\tITEMS1/10",
            "2\titems2\tITEMS2/20");
  }

  @Test
  void aSourceThatCannotApplyFiltersFailsTheFilteredTableOnly() {
    TablePlan plain = table("filtered", 3);
    TableMappings mappings = TableMappings.parse("""
        {"rules": [{"rule-type": "selection", "rule-id": "1", "rule-name": "1",
          "rule-action": "include", "object-locator": {"schema-name": "s", "table-name": "%"},
          "filters": [{"filter-type": "source", "column-name": "id",
            "filter-conditions": [{"filter-operator": "gte", "value": "2"}]}]}]}
        """);
    TableTransform transform = mappings.transform(plain.source(), "");

    List<TableStatus> result = runner(1, true,
        new TablePlan(plain.source(), transform.target(), 0, transform), table("other", 2)).run();

    assertThat(result).extracting(TableStatus::state)
        .containsExactly(TableState.TABLE_ERROR, TableState.TABLE_COMPLETED);
    assertThat(result.get(0).error()).contains("the source cannot apply selection-rule filters"
        + " to s.filtered");
  }

  @Test
  void refusedRowsAreFoundByBisectionAndLoggedWhileTheRestLoadsOnBothPaths() {
    source.rowsPerPartition = 1000;
    for (boolean allowNative : List.of(true, false)) {
      String name = "refused" + allowNative;
      target.refusedLines.put("7\t" + name + "7", Kind.TRUNCATION);
      target.refusedLines.put("1500\t" + name + "1500", Kind.DATA_ERROR);
      target.recordedRefusals.clear();

      List<TableStatus> result = refusing(2, allowNative, ErrorPolicy.LOG_ERROR, ErrorPolicy.LOG_ERROR, 0,
          table(name, 3000)).run();

      assertThat(result.get(0).state()).isEqualTo(TableState.TABLE_COMPLETED);
      assertThat(result.get(0).rows()).isEqualTo(2998);
      assertThat(target.committed.get(id(name))).hasSize(2998).doesNotHaveDuplicates()
          .doesNotContain("7\t" + name + "7", "1500\t" + name + "1500");
      assertThat(target.recordedRefusals).containsExactlyInAnyOrder(
          "task|s." + name + "|7\t" + name + "7", "task|s." + name + "|1500\t" + name + "1500");
    }
  }

  @Test
  void ignoredTruncationsAreNotRecordedAndEscalationSuspendsTheTable() {
    source.rowsPerPartition = 1000;
    TablePlan plan = table("esc", 100);
    for (int id : List.of(3, 5, 50, 60)) {
      target.refusedLines.put(id + "\tesc" + id, id < 10 ? Kind.TRUNCATION : Kind.DATA_ERROR);
    }

    List<TableStatus> result = refusing(1, false, ErrorPolicy.LOG_ERROR, ErrorPolicy.IGNORE_RECORD, 4,
        plan, table("other", 5)).run();

    // 3 and 5 ignored (but counted), 50 logged, 60 is the fourth: SUSPEND_TABLE (the escalation)
    assertThat(target.recordedRefusals).containsExactly("task|s.esc|50\tesc50", "task|s.esc|60\tesc60");
    assertThat(result.get(0).state()).isEqualTo(TableState.TABLE_ERROR);
    assertThat(result.get(0).error()).contains("SUSPEND_TABLE").contains("row 60\tesc60");
    assertThat(result.get(1).state()).isEqualTo(TableState.TABLE_COMPLETED);
  }

  @Test
  void stopTaskEndsTheTableAndCancelsTheTablesNotLoadedYet() {
    TablePlan first = table("first", 20);
    target.refusedLines.put("4\tfirst4", Kind.DATA_ERROR);

    List<TableStatus> result = refusing(1, false, ErrorPolicy.STOP_TASK, ErrorPolicy.LOG_ERROR, 0,
        first, table("second", 5)).run();

    assertThat(result).extracting(TableStatus::state)
        .containsExactly(TableState.TABLE_ERROR, TableState.TABLE_CANCELLED);
    assertThat(result.get(0).error()).contains("STOP_TASK");
    assertThat(target.recordedRefusals).containsExactly("task|s.first|4\tfirst4");
  }

  private FullLoadRunner refusing(int subTasks, boolean allowNative, ErrorPolicy data, ErrorPolicy truncation,
      int escalationCount, TablePlan... plans) {
    var refused = new RefusedRowSettings("task", "", data, truncation, ErrorPolicy.SUSPEND_TABLE,
        escalationCount, 100);
    var options = new FullLoadOptions(new TablePreparation(PrepMode.DROP_AND_CREATE, false), subTasks,
        subTasks, allowNative, 0, java.util.Optional.of(refused));
    return new FullLoadRunner(source, target, options, List.of(plans), finished::add);
  }

  private FullLoadRunner runner(int subTasks, boolean allowNative, TablePlan... plans) {
    var options = new FullLoadOptions(new TablePreparation(PrepMode.DROP_AND_CREATE, false), subTasks, subTasks, allowNative);
    return new FullLoadRunner(source, target, options, List.of(plans), finished::add);
  }

  private TablePlan table(String name, int rowCount) {
    var columns = List.of(
        new Column("id", DataType.of(DmsType.INT4), false, "integer"),
        new Column("name", DataType.string(DmsType.WSTRING, 20), true, "varchar(20)"));
    var definition = new TableDefinition(id(name), "memory", columns, List.of("id"), rowCount, rowCount * 100L);
    var rows = new ArrayList<Object[]>();
    IntStream.range(0, rowCount).forEach(i -> rows.add(new Object[] {i, name + i}));
    source.add(definition, rows);
    return new TablePlan(definition, new TargetTable(id(name), "memory", columns, List.of("id")), 0);
  }

  private static TableId id(String name) {
    return new TableId("s", name);
  }
}
