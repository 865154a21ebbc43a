package io.opendms.connector.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opendms.spi.change.ApplyRequest;
import io.opendms.spi.change.ChangeApplier;
import io.opendms.spi.change.RowChange;
import io.opendms.spi.change.RowChange.Operation;
import io.opendms.spi.change.StoredPosition;
import io.opendms.spi.change.Truncate;
import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.position.BinlogPosition;
import io.opendms.spi.table.Column;
import io.opendms.spi.table.TableId;
import io.opendms.spi.target.PrepMode;
import io.opendms.spi.target.TablePreparation;
import io.opendms.spi.target.TargetTable;
import io.opendms.spi.type.DataType;
import io.opendms.spi.type.DmsType;
import io.opendms.testkit.TestingMariaDb;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MySqlChangeApplyIT {
  private static TestingMariaDb db;
  private static final Instant AT = Instant.parse("2026-01-02T03:04:05.123456Z");

  @BeforeAll
  static void createDatabase() {
    db = TestingMariaDb.create("apply_it");
  }

  @AfterAll
  static void dropDatabase() {
    db.close();
  }

  private static TargetTable table(String name, boolean keyed) {
    return new TargetTable(new TableId("public", name), "postgres", List.of(
        new Column("id", DataType.of(DmsType.INT4), false, "integer"),
        new Column("amount", DataType.numeric(10, 2), true, "numeric(10,2)"),
        new Column("doc", DataType.of(DmsType.NCLOB), true, "text"),
        new Column("raw", DataType.of(DmsType.BYTES), true, "bytea")),
        keyed ? List.of("id") : List.of());
  }

  private static RowChange insert(TargetTable table, Object... row) {
    return RowChange.of(table.id(), Operation.INSERT, null, row, List.of());
  }

  @Test
  void bothModesApplyInOrderKeepLeftOutValuesAndStoreThePositionWithTheData() {
    for (boolean batch : List.of(false, true)) {
      TargetTable keyed = table("keyed_" + batch, true);
      TargetTable bare = table("bare_" + batch, false);
      String task = "apply-" + batch;
      try (MySqlTargetConnector target = MySqlTargetConnector.open(MySqlTestEndpoints.of(db))) {
        target.prepare(keyed, new TablePreparation(PrepMode.DROP_AND_CREATE, false));
        target.prepare(bare, new TablePreparation(PrepMode.DROP_AND_CREATE, false));
        ApplyRequest request = new ApplyRequest(task, List.of(keyed, bare), batch, "");
        try (ChangeApplier applier = target.openApplier(request)) {
          assertThat(applier.storedPosition()).isEmpty();
          applier.apply(insert(keyed, 1, new BigDecimal("1.50"), "long text", new byte[] {0, 1}));
          applier.apply(insert(keyed, 2, null, null, null));
          applier.apply(insert(keyed, 3, BigDecimal.ONE, "three", null));
          // the doc is left out as unchanged (a PostgreSQL TOAST value): it must survive
          applier.apply(RowChange.of(keyed.id(), Operation.UPDATE, null,
              new Object[] {1, new BigDecimal("2.25"), null, new byte[] {9}}, List.of(2)));
          applier.apply(RowChange.of(keyed.id(), Operation.UPDATE, new Object[] {2, null, null, null},
              new Object[] {20, null, "moved", null}, List.of()));
          applier.apply(RowChange.of(keyed.id(), Operation.DELETE, new Object[] {3, BigDecimal.ONE, "three", null},
              null, List.of()));
          applier.apply(insert(bare, 7, null, "a", null));
          applier.apply(insert(bare, 7, null, "a", null));
          applier.apply(RowChange.of(bare.id(), Operation.DELETE, new Object[] {7, null, "a", null}, null, List.of()));
          assertThat(applier.commit(new BinlogPosition("mysql-bin.000003", 1234), AT)).isEqualTo(9);
          applier.apply(new Truncate(List.of(keyed.id()), false));
          applier.apply(insert(keyed, 5, null, "after truncate", null));
          applier.close(); // not committed: rolled back, position unchanged
        }
        try (ChangeApplier applier = target.openApplier(request)) {
          assertThat(applier.storedPosition())
              .contains(new StoredPosition("mysql-bin.000003:1234", AT));
        }
      }
      String database = db.database();
      assertThat(db.rows("SELECT id, amount, doc, HEX(raw) FROM `" + database + "`.keyed_" + batch + " ORDER BY id"))
          .as("batch %s", batch)
          .containsExactly(List.of("1", "2.25", "long text", "09"), java.util.Arrays.asList("20", null, "moved", null));
      assertThat(db.rows("SELECT COUNT(*) FROM `" + database + "`.bare_" + batch)).containsExactly(List.of("1"));
    }
  }

  @Test
  void aValueMySqlCannotHoldFailsNamingTheTableAndColumn() {
    TargetTable keyed = table("bad", true);
    try (MySqlTargetConnector target = MySqlTargetConnector.open(MySqlTestEndpoints.of(db))) {
      target.prepare(keyed, new TablePreparation(PrepMode.DROP_AND_CREATE, false));
      try (ChangeApplier applier = target.openApplier(new ApplyRequest("bad", List.of(keyed), false, ""))) {
        assertThatThrownBy(() -> applier.apply(insert(keyed, 1, Double.NaN, null, null)))
            .isInstanceOf(OpenDmsException.class)
            .hasMessageContaining("bad").hasMessageContaining("column amount");
      }
    }
  }
}
