package io.opendms.engine.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.opendms.spi.table.Column;
import io.opendms.spi.table.TableDefinition;
import io.opendms.spi.table.TableId;
import io.opendms.spi.type.DataType;
import io.opendms.spi.type.DmsType;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ValidationRunnerTest {
  private static final TableId ITEMS = new TableId("app", "items");
  private static final List<Column> COLUMNS = List.of(
      new Column("id", DataType.of(DmsType.INT8), false, "bigint"),
      new Column("name", DataType.of(DmsType.STRING), true, "text"),
      new Column("price", DataType.numeric(10, 2), true, "numeric(10,2)"));
  private static final TableDefinition TABLE =
      new TableDefinition(ITEMS, "fake", COLUMNS, List.of("id"), 0, 0);

  private final FakeDatabase source = new FakeDatabase();
  private final FakeDatabase target = new FakeDatabase();

  private static ValidationOptions options(int partitionSize, long tableFailureMax) {
    return new ValidationOptions(2, partitionSize, 10_000, tableFailureMax, false, "", false);
  }

  private void fill(FakeDatabase database, int rows) {
    for (long id = 1; id <= rows; id++) {
      database.table(ITEMS).put(id, new Object[] {id, "item " + id, new BigDecimal(id + ".50")});
    }
  }

  private TableVerdict validate(ValidationRunner runner) {
    return runner.validate(List.of(new ValidationRunner.TablePair(TABLE, Optional.of(TABLE))))
        .get(0);
  }

  @Test
  void matchingTablesAreComparedByDigestWithoutReadingARow() {
    fill(source, 2500);
    fill(target, 2500);
    TableVerdict verdict = validate(new ValidationRunner(source, target, options(1000, 1000)));
    assertThat(verdict.state()).isEqualTo(ValidationState.VALIDATED);
    assertThat(verdict.rowsCompared()).isEqualTo(2500);
    assertThat(verdict.method()).isEqualTo("digest native");
    assertThat(source.rowsRead.get() + target.rowsRead.get()).isZero();
  }

  @Test
  void aWholeTableIsDigestedInOnePassPerSideBothSidesAtOnce() {
    fill(source, 2500);
    fill(target, 2500);
    target.table(ITEMS).get(2100L)[1] = "renamed";
    TableVerdict verdict = validate(new ValidationRunner(source, target, options(100, 1000)));
    assertThat(verdict.failedRecords()).isEqualTo(1);
    assertThat(verdict.rowsCompared()).isEqualTo(2500);
    assertThat(source.passes).hasSize(1);
    assertThat(target.passes).hasSize(1);
    assertThat(target.passes.get(0)).isNotEqualTo(source.passes.get(0));
    // of 25 ranges only 2001-2100 was read
    assertThat(source.rowsRead.get()).isEqualTo(100);
    assertThat(target.rowsRead.get()).isEqualTo(100);
  }

  @Test
  void onlyTheRangesWhoseDigestsDifferAreReadRowByRow() {
    fill(source, 2500);
    fill(target, 2500);
    target.table(ITEMS).remove(10L);
    target.table(ITEMS).get(1500L)[1] = "renamed";
    target.table(ITEMS).get(1600L)[2] = new BigDecimal("1600.5"); // same meaning, other scale
    TableVerdict verdict = validate(new ValidationRunner(source, target, options(1000, 1000)));
    assertThat(verdict.state()).isEqualTo(ValidationState.MISMATCHED_RECORDS);
    assertThat(verdict.failedRecords()).isEqualTo(2);
    assertThat(verdict.mismatches()).extracting(RowMismatch::type, RowMismatch::key)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("MISSING_TARGET", List.of("10")),
            org.assertj.core.groups.Tuple.tuple("RECORD_DIFF", List.of("1500")));
    // ranges 1-1000 and 1001-2000 (plus the target's, one row short); 2001-2500 matched
    assertThat(source.rowsRead.get()).isEqualTo(2000);
    assertThat(target.rowsRead.get()).isEqualTo(1999);
  }

  @Test
  void aTableWithoutAPrimaryKeyIsNotValidated() {
    var keyless = new TableDefinition(ITEMS, "fake", COLUMNS, List.of(), 0, 0);
    TableVerdict verdict = new ValidationRunner(source, target, options(1000, 1000))
        .validate(List.of(new ValidationRunner.TablePair(keyless, Optional.of(keyless)))).get(0);
    assertThat(verdict.state()).isEqualTo(ValidationState.NO_PRIMARY_KEY);
  }

  @Test
  void aMissingTargetTableIsATableError() {
    TableVerdict verdict = new ValidationRunner(source, target, options(1000, 1000))
        .validate(List.of(new ValidationRunner.TablePair(TABLE, Optional.empty()))).get(0);
    assertThat(verdict.state()).isEqualTo(ValidationState.TABLE_ERROR);
    assertThat(verdict.details()).contains("does not exist");
  }

  @Test
  void validationIsSuspendedOnceATableFailsMoreThanTableFailureMaxCount() {
    fill(source, 1000);
    TableVerdict verdict = validate(new ValidationRunner(source, target, options(100, 5)));
    assertThat(verdict.state()).isEqualTo(ValidationState.SUSPENDED_RECORDS);
    assertThat(verdict.details()).contains("TableFailureMaxCount (5)");
    assertThat(verdict.suspendedRecords()).isPositive();
    assertThat(source.rowsRead.get()).isLessThan(1000);
  }

  @Test
  void aColumnWithoutCanonicalTextMakesTheTableCompareRowByRowAcrossEngines() {
    var other = new TableDefinition(ITEMS, "fake", List.of(COLUMNS.get(0),
        new Column("name", DataType.of(DmsType.REAL8), true, "double")), List.of("id"), 0, 0);
    fill(source, 10);
    fill(target, 10);
    TableVerdict verdict = new ValidationRunner(source, target, options(1000, 1000))
        .validate(List.of(new ValidationRunner.TablePair(TABLE, Optional.of(other)))).get(0);
    assertThat(verdict.method()).startsWith("rows (column name (double) has no canonical");
  }

  @Test
  void repairRewritesTheTargetUntilItMatches() {
    fill(source, 300);
    fill(target, 300);
    target.table(ITEMS).remove(7L);
    target.table(ITEMS).put(999L, new Object[] {999L, "extra", null});
    target.table(ITEMS).get(20L)[1] = null;
    var runner = new ValidationRunner(source, target, options(100, 1000));
    TableVerdict before = validate(runner);
    assertThat(before.failedRecords()).isEqualTo(3);
    assertThat(new MismatchWriter(runner, target).repair(before)).isEqualTo(3);
    assertThat(validate(runner).state()).isEqualTo(ValidationState.VALIDATED);
  }

  @Test
  void failuresAreRecordedWithDmsKeyAndDetails() {
    fill(source, 5);
    fill(target, 5);
    target.table(ITEMS).get(2L)[1] = "";
    var runner = new ValidationRunner(source, target, options(100, 1000));
    new MismatchWriter(runner, target).recordFailures("task-1", "", List.of(validate(runner)));
    assertThat(target.failures).singleElement().satisfies(failure -> {
      assertThat(failure.key()).isEqualTo("{\"key\":[\"2\"]}");
      assertThat(failure.failureType()).isEqualTo("RECORD_DIFF");
      assertThat(failure.details()).isEqualTo("{\"name\":{\"source\":\"item 2\",\"target\":\"\"}}");
    });
  }

  @Test
  void aRecheckComparesOnlyTheGivenKeysAndRanges() {
    fill(source, 2500);
    fill(target, 2500);
    target.table(ITEMS).get(5L)[1] = "changed";
    target.table(ITEMS).get(1500L)[1] = "changed";
    target.table(ITEMS).get(2400L)[1] = "changed"; // in neither: not found
    var runner = new ValidationRunner(source, target, options(1000, 1000));
    var recheck = new ValidationRunner.Recheck(
        List.of(new io.opendms.spi.validation.KeySpan(ITEMS, COLUMNS.subList(0, 1),
            List.of(1001L), List.of(2001L))),
        List.of(List.of(5L), List.of(6L)));
    TableVerdict verdict = runner.validate(
        List.of(new ValidationRunner.TablePair(TABLE, Optional.of(TABLE))),
        java.util.Map.of(ITEMS, recheck)).get(0);
    assertThat(verdict.mismatches()).extracting(RowMismatch::key)
        .containsExactlyInAnyOrder(List.of("5"), List.of("1500"));
    assertThat(source.rowsRead.get()).isEqualTo(1000 + 2);
  }

  @Test
  void withHandleCollationDiffValuesEqualUnderACaseInsensitiveCollationMatch() {
    fill(source, 10);
    fill(target, 10);
    target.table(ITEMS).get(3L)[1] = "ITEM 3  ";
    target.table(ITEMS).get(4L)[1] = "ítem 4";
    target.collation = new io.opendms.spi.validation.TextCollation("ci", true, true, true);
    var strict = new ValidationOptions(2, 1000, 10_000, 1000, false, "", false);
    assertThat(validate(new ValidationRunner(source, target, strict)).failedRecords())
        .isEqualTo(2);
    var collated = new ValidationOptions(2, 1000, 10_000, 1000, false, "", true);
    assertThat(validate(new ValidationRunner(source, target, collated)).state())
        .isEqualTo(ValidationState.VALIDATED);
  }
}
