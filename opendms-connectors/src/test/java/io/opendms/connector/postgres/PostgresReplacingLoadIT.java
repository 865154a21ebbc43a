package io.opendms.connector.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.opendms.spi.table.Column;
import io.opendms.spi.table.TableId;
import io.opendms.spi.target.RowLoad;
import io.opendms.spi.target.TargetConnector;
import io.opendms.spi.target.TargetSession;
import io.opendms.spi.target.TargetTable;
import io.opendms.spi.type.DataType;
import io.opendms.spi.type.DmsType;
import io.opendms.testkit.TestingPostgres;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Loads that replace rows by key, for block ranges read again after a resumed full load: rows of
 * the same key are replaced, the others added, nothing doubled; a rolled-back load leaves the
 * table and the session as they were.
 */
class PostgresReplacingLoadIT {
  private static final TargetTable PEOPLE = new TargetTable(new TableId("public", "people"), "postgres",
      List.of(new Column("id", DataType.of(DmsType.INT4), false, "integer"),
          new Column("name", DataType.of(DmsType.NCLOB), true, "text")),
      List.of("id"));

  private TestingPostgres database;
  private TargetConnector target;

  @BeforeEach
  void connect() {
    database = TestingPostgres.create("replacing");
    database.execute("CREATE TABLE public.people (id integer PRIMARY KEY, name text)",
        "INSERT INTO public.people VALUES (1, 'kept'), (2, 'before')");
    target = new PostgresTargetConnectorFactory().open(TestEndpoints.of(database));
  }

  @AfterEach
  void drop() {
    target.close();
    database.close();
  }

  @Test
  void replacesRowsOfTheSameKeyAndAddsTheOthers() {
    try (TargetSession session = target.openSession()) {
      assertThat(session.replacesRowsByKey()).isTrue();
      try (RowLoad load = session.openReplacingRowLoad(PEOPLE)) {
        load.accept(new Object[] {2, "after"});
        load.accept(new Object[] {3, "new"});
        assertThat(load.commit()).isEqualTo(2);
      }
      // the staging table went with the transaction: the session loads again
      try (RowLoad load = session.openReplacingRowLoad(PEOPLE)) {
        load.accept(new Object[] {3, "newer"});
        assertThat(load.commit()).isEqualTo(1);
      }
    }
    assertThat(TestEndpoints.value(database, "SELECT string_agg(id || '=' || name, ',' ORDER BY id)"
        + " FROM public.people")).isEqualTo("1=kept,2=after,3=newer");
  }

  @Test
  void aLoadClosedWithoutCommitChangesNothing() {
    try (TargetSession session = target.openSession()) {
      try (RowLoad load = session.openReplacingRowLoad(PEOPLE)) {
        load.accept(new Object[] {1, "lost"});
      }
      try (RowLoad load = session.openRowLoad(PEOPLE)) {
        load.accept(new Object[] {4, "plain"});
        load.commit();
      }
    }
    assertThat(TestEndpoints.value(database, "SELECT string_agg(id || '=' || name, ',' ORDER BY id)"
        + " FROM public.people")).isEqualTo("1=kept,2=before,4=plain");
  }
}
