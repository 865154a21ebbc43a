package io.opendms.connector.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.opendms.spi.change.ApplyRequest;
import io.opendms.spi.change.CaptureRequest;
import io.opendms.spi.change.ChangeApplier;
import io.opendms.spi.change.ChangeCapture;
import io.opendms.spi.change.Commit;
import io.opendms.spi.change.DataChange;
import io.opendms.spi.table.TableDefinition;
import io.opendms.spi.target.PrepMode;
import io.opendms.spi.target.TablePreparation;
import io.opendms.spi.target.TargetTable;
import io.opendms.testkit.TestingPostgres;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Capture from one database, apply to another, compare: in both apply modes. */
class PostgresChangeApplyIT {

  private static final String[] TABLES = {
    "CREATE TABLE public.k (id int PRIMARY KEY, v text, j jsonb, b bytea, n numeric)",
    "CREATE TABLE public.bk (id bytea PRIMARY KEY, v int NOT NULL)",
    "CREATE TABLE public.nk (a int, j json)",
    "ALTER TABLE public.nk REPLICA IDENTITY FULL"
  };

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void targetEndsEqualToSourceAndStoresThePosition(boolean batchApply) throws Exception {
    String task = "apply-it-" + batchApply + "-" + System.nanoTime();
    try (TestingPostgres source = TestingPostgres.create("apply_src");
        TestingPostgres target = TestingPostgres.create("apply_dst")) {
      source.execute(TABLES);
      try (PostgresSourceConnector from = PostgresSourceConnector.open(TestEndpoints.of(source), 1);
          PostgresTargetConnector to = PostgresTargetConnector.open(TestEndpoints.of(target))) {
        List<TableDefinition> tables = from.discover(t -> true);
        List<TargetTable> targets = tables.stream()
            .map(t -> new TargetTable(t.id(), t.engine(), t.columns(), t.primaryKey())).toList();
        targets.forEach(t -> to.prepare(t, new TablePreparation(PrepMode.DROP_AND_CREATE, false)));
        try (ChangeCapture capture = from.openCapture(
                new CaptureRequest(task, tables, CaptureRequest.Start.CREATE, Optional.empty()));
            ChangeApplier applier = to.openApplier(new ApplyRequest(task, targets, batchApply, "ctl"))) {
          assertThat(applier.storedPosition()).isEmpty();
          writeChanges(source);
          source.execute("INSERT INTO public.k VALUES (-1, 'last', NULL, NULL, NULL)");
          AtomicReference<Commit> last = new AtomicReference<>();
          AtomicInteger seenLast = new AtomicInteger();
          Thread stream = new Thread(() -> capture.stream(event -> {
            if (event instanceof DataChange change) {
              applier.apply(change);
              if (change.toString().contains("last")) {
                seenLast.incrementAndGet();
              }
            } else if (event instanceof Commit commit) {
              applier.commit(commit.position(), commit.commitTime());
              capture.acknowledge(commit.position());
              last.set(commit);
              if (seenLast.get() > 0) {
                capture.stop();
              }
            }
          }));
          stream.start();
          stream.join(60_000);
          assertThat(seenLast.get()).isEqualTo(1);
          assertThat(applier.storedPosition()).get()
              .extracting(p -> p.position()).isEqualTo(last.get().position().format());
        } finally {
          from.dropCapture(task);
        }
      }
      for (String table : List.of("k ORDER BY id", "bk ORDER BY id", "nk ORDER BY a, j::text")) {
        String sql = "SELECT * FROM public." + table;
        assertThat(TestEndpoints.rows(target, sql)).as(table).isEqualTo(TestEndpoints.rows(source, sql));
      }
    }
  }

  private static void writeChanges(TestingPostgres source) {
    source.execute(
        "INSERT INTO public.k SELECT g, 'v' || g, jsonb_build_object('g', g), '\\x00ff', g / 3.0"
            + " FROM generate_series(1, 500) g",
        "UPDATE public.k SET v = 'tab\there' WHERE id % 7 = 0",
        "UPDATE public.k SET id = id + 1000 WHERE id % 11 = 0",
        "DELETE FROM public.k WHERE id % 13 = 0",
        "BEGIN; INSERT INTO public.k VALUES (2000, 'x', NULL, NULL, NULL);"
            + " UPDATE public.k SET id = 2001 WHERE id = 2000; DELETE FROM public.k WHERE id = 2001;"
            + " INSERT INTO public.k VALUES (2000, 'again', NULL, NULL, NULL); COMMIT",
        "INSERT INTO public.bk SELECT decode(lpad(to_hex(g), 4, '0'), 'hex'), g FROM generate_series(1, 100) g",
        "UPDATE public.bk SET v = v * 2 WHERE v % 2 = 0",
        "DELETE FROM public.bk WHERE v % 5 = 0",
        "INSERT INTO public.nk SELECT g % 10, json_build_object('g', g % 10) FROM generate_series(1, 50) g",
        "UPDATE public.nk SET a = 100 WHERE a = 3",
        "DELETE FROM public.nk WHERE a = 4",
        "TRUNCATE public.bk",
        "INSERT INTO public.bk VALUES ('\\x0102', 7)");
  }
}
