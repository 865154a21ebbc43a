package io.opendms.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.opendms.testkit.TestingMariaDb;
import io.opendms.testkit.TestingPostgres;
import io.opendms.testkit.TestingS3;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.MessageType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * {@code opendms migrate} into the local S3Proxy (started by scripts/services.sh), every file read
 * back with the AWS SDK and folded into rows that must equal the source's: DMS's layout, CSV and
 * Parquet with logical types, full load split at MaxFileSize, CDC files with the Op column, the
 * store stopped mid-task.
 */
class S3TargetIT {
  private static final Duration CONVERGE = Duration.ofSeconds(120);
  private static final String FAST = "&CdcMaxBatchInterval=1";

  @TempDir Path dataDir;
  private TargetTaskFixture fixture;

  @BeforeEach
  void fixture() {
    fixture = new TargetTaskFixture(dataDir);
  }

  @AfterEach
  void cleanUp() throws Exception {
    fixture.close();
  }

  @Test
  void csvFullLoadSplitAtMaxFileSizeAndCdcFilesFoldIntoTheSourceRows() throws Exception {
    TestingPostgres source = fixture.source("s3_csv_src");
    TestingS3 s3 = fixture.closeLater(TestingS3.create("s3-csv"));
    ChildMigrate migrate = fixture.migrate(TargetTaskFixture.taskId("s3-it"), "full-load-and-cdc",
        source.uri(), s3.uri("landing/raw", FAST + "&MaxFileSize=128"), "start-replication");
    migrate.awaitLog("full load complete", Duration.ofSeconds(120));
    changeTheSource(source);

    awaitEqual(source, s3, "landing/raw");
    List<String> keys = s3.keys("landing/raw/public/acct/");
    assertThat(keys).contains("landing/raw/public/acct/LOAD00000001.csv",
        "landing/raw/public/acct/LOAD00000002.csv");
    assertThat(keys).anyMatch(k -> k.matches("landing/raw/public/acct/\\d{8}-\\d{10}\\.csv"));
    String cdcFile = keys.stream().filter(k -> !k.contains("LOAD")).findFirst().orElseThrow();
    assertThat(S3Files.rows(s3, cdcFile, true)).allMatch(r -> List.of("I", "U", "D").contains(r.get(0)));
    assertThat(s3.size(s3.keys("landing/raw/public/events/").get(0)))
        .as("a CDC file larger than one upload part").isGreaterThan(8 << 20);
    assertThat(migrate.terminate()).isZero();
  }

  @Test
  void parquetFilesCarryLogicalTypesAndFoldIntoTheSourceRows() throws Exception {
    TestingPostgres source = fixture.source("s3_pq_src");
    TestingS3 s3 = fixture.closeLater(TestingS3.create("s3-pq"));
    ChildMigrate migrate = fixture.migrate(TargetTaskFixture.taskId("s3-pq"), "full-load-and-cdc",
        source.uri(), s3.uri("pq", FAST + "&DataFormat=parquet"),
        "start-replication");
    migrate.awaitLog("full load complete", Duration.ofSeconds(120));
    changeTheSource(source);

    awaitEqual(source, s3, "pq");
    MessageType schema = S3Files.parquetSchema(s3, "pq/public/acct/LOAD00000001.parquet");
    assertThat(schema.getType("balance").getLogicalTypeAnnotation())
        .isEqualTo(LogicalTypeAnnotation.decimalType(2, 12));
    assertThat(schema.getType("updated").getLogicalTypeAnnotation())
        .isEqualTo(LogicalTypeAnnotation.timestampType(true, TimeUnit.MICROS));
    assertThat(schema.getType("opened").getLogicalTypeAnnotation())
        .isEqualTo(LogicalTypeAnnotation.dateType());
    assertThat(schema.getType("id").getLogicalTypeAnnotation())
        .isEqualTo(LogicalTypeAnnotation.intType(64, true));
    assertThat(migrate.terminate()).isZero();
  }

  @Test
  void theStoreStoppedMidTaskAndKillMinusNineLoseNoChange() throws Exception {
    TestingPostgres source = fixture.source("s3_stop_src");
    TestingS3 s3 = fixture.closeLater(TestingS3.create("s3-stop"));
    String task = TargetTaskFixture.taskId("s3-stop");
    ChildMigrate migrate = fixture.migrate(task, "full-load-and-cdc", source.uri(), s3.uri("f", FAST),
        "start-replication");
    migrate.awaitLog("full load complete", Duration.ofSeconds(120));
    source.execute("UPDATE public.acct SET note = 'before the store stopped' WHERE id <= 1000");
    Thread.sleep(2500);
    TestingS3.stopStore();
    try {
      for (int i = 0; i < 20; i++) {
        source.execute("UPDATE public.acct SET note = 'while stopped " + i + "' WHERE id % 20 = " + i,
            "INSERT INTO public.events VALUES (" + (100 + i) + ", 'while stopped')");
        Thread.sleep(250);
      }
    } finally {
      TestingS3.startStore();
    }
    source.execute("DELETE FROM public.acct WHERE id > 19000");
    awaitEqual(source, s3, "f");
    assertThat(migrate.log()).contains("restarting change processing");

    source.execute("UPDATE public.acct SET note = 'held when killed' WHERE id < 300");
    Thread.sleep(300); // inside the 1 s batch: changes handed over, not yet flushed
    migrate.kill();
    source.execute("INSERT INTO public.events SELECT g, 'after kill' FROM generate_series(1000, 3000) g");
    ChildMigrate resumed = fixture.migrate(task, "full-load-and-cdc", source.uri(), s3.uri("f", FAST),
        "resume-processing");
    resumed.awaitLog("resuming change processing", Duration.ofSeconds(60));
    awaitEqual(source, s3, "f");
    assertThat(resumed.terminate()).isZero();
  }

  @Test
  void fullLoadFromMariaDb() throws Exception {
    TestingMariaDb source = fixture.closeLater(TestingMariaDb.create("s3_maria_src"));
    source.execute("CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(40), price DECIMAL(10,2),"
            + " added DATETIME(3))",
        "INSERT INTO items VALUES (1, 'one, with comma', 1.50, '2026-01-02 03:04:05.678'),"
            + " (2, NULL, 0.00, NULL), (3, 'say \"hi\"', -7.25, '1999-12-31 23:59:59')");
    TestingS3 s3 = fixture.closeLater(TestingS3.create("s3-maria"));
    ChildMigrate migrate = fixture.migrate(TargetTaskFixture.taskId("s3-maria"), "full-load",
        source.uri(), s3.uri("m", "&AddColumnName=true"), "start-replication");
    assertThat(migrate.waitFor(Duration.ofSeconds(120))).isZero();

    String key = "m/" + source.database() + "/items/LOAD00000001.csv";
    assertThat(S3Files.rows(s3, key, false)).containsExactly(
        List.of("id", "name", "price", "added"),
        List.of("1", "one, with comma", "1.50", "2026-01-02 03:04:05.678000"),
        List.of("2", "", "0.00", ""),
        List.of("3", "say \"hi\"", "-7.25", "1999-12-31 23:59:59"));
  }

  /**
   * PreserveTransactions: the changes of both tables land in one stream of CSV files under
   * CdcPath (CSV although the full load writes Parquet), in source commit order, each row naming
   * its schema and table, and a transaction never split across files even when CdcMinFileSize
   * is reached inside it.
   */
  @Test
  void preserveTransactionsWritesEveryTablesChangesInCommitOrderUnderCdcPath() throws Exception {
    TestingPostgres source = fixture.source("s3_pt_src");
    TestingS3 s3 = fixture.closeLater(TestingS3.create("s3-pt"));
    ChildMigrate migrate = fixture.migrate(TargetTaskFixture.taskId("s3-pt"), "full-load-and-cdc",
        source.uri(), s3.uri("pt", FAST + "&DataFormat=parquet&PreserveTransactions=true"
            + "&CdcPath=changes&CdcMinFileSize=1"), "start-replication");
    migrate.awaitLog("full load complete", Duration.ofSeconds(120));
    source.execute(
        "BEGIN; INSERT INTO public.acct VALUES (-1, 1.00, 'first', now(), '2026-06-01');"
            + " INSERT INTO public.events VALUES (900001, 'e1'); COMMIT",
        "BEGIN; UPDATE public.acct SET note = 'second' WHERE id = -1;"
            + " DELETE FROM public.events WHERE id = 900001; COMMIT",
        "BEGIN; INSERT INTO public.events SELECT g, 'bulk ' || g FROM generate_series(1, 3000) g;"
            + " UPDATE public.acct SET note = 'third' WHERE id = -1; COMMIT",
        "INSERT INTO public.events VALUES (900002, 'last')");

    List<List<String>> stream = List.of();
    long end = System.nanoTime() + CONVERGE.toNanos();
    while (System.nanoTime() < end
        && stream.stream().noneMatch(r -> r.get(3).equals("900002"))) {
      Thread.sleep(1000);
      stream = streamRows(s3, "pt/changes/");
    }
    List<List<String>> ours = stream.stream()
        .filter(r -> r.get(3).equals("-1") || r.get(3).startsWith("90000")).toList();
    // acct: Op,schema,table,id,balance,note,...; events: Op,schema,table,id,payload
    assertThat(ours).extracting(r -> String.join(",", r.subList(0, 4)) + ","
            + r.get(r.get(2).equals("acct") ? 5 : 4))
        .containsExactly("I,public,acct,-1,first", "I,public,events,900001,e1",
            "U,public,acct,-1,second", "D,public,events,900001,", // a delete: the key only
            "U,public,acct,-1,third", "I,public,events,900002,last");
    // the 3,000-row transaction (far past CdcMinFileSize) sits whole in one file
    List<String> keys = s3.keys("pt/changes/");
    assertThat(keys).allMatch(k -> k.matches("pt/changes/\\d{8}-\\d{10}\\.csv"));
    assertThat(keys).anySatisfy(key -> assertThat(S3Files.rows(s3, key, true).stream()
        .filter(r -> r.get(4).startsWith("bulk")).count()).isEqualTo(3000));
    assertThat(s3.keys("pt/public/acct/")).allMatch(k -> k.contains("/LOAD"));
    assertThat(migrate.terminate()).isZero();
  }

  /** Every row of the files under the prefix, the files in the order of their names. */
  private static List<List<String>> streamRows(TestingS3 s3, String prefix) throws Exception {
    var rows = new java.util.ArrayList<List<String>>();
    for (String key : new java.util.TreeSet<>(s3.keys(prefix))) {
      rows.addAll(S3Files.rows(s3, key, true));
    }
    return rows;
  }

  private static void changeTheSource(TestingPostgres source) {
    source.execute("INSERT INTO public.acct VALUES (-1, 1.25, 'inserted, \"quoted\"', now(), '2026-06-01')",
        "UPDATE public.acct SET note = 'updated', balance = 99.99 WHERE id <= 100",
        "DELETE FROM public.acct WHERE id BETWEEN 101 AND 150",
        // one large transaction whose CDC file (~10 MB) is uploaded in several parts
        "INSERT INTO public.events SELECT g, repeat('large ' || g, 20) FROM generate_series(1, 50000) g");
  }

  private static void awaitEqual(TestingPostgres source, TestingS3 s3, String folder) throws Exception {
    Map<String, Map<String, String>> expected = TargetTaskFixture.sourceRows(source);
    long end = System.nanoTime() + CONVERGE.toNanos();
    List<String> differences;
    do {
      Thread.sleep(1000);
      try {
        differences = TargetTaskFixture.differences(expected, S3Files.fold(s3, folder));
      } catch (NoSuchKeyException e) {
        // S3Proxy's file store lists an object while it is still being replaced (gaul/s3proxy#490):
        // the task is writing, so look again
        differences = List.of("a listed file was not readable yet: " + e.getMessage());
      }
    } while (!differences.isEmpty() && System.nanoTime() < end);
    assertThat(differences).as("source rows missing or stale in S3").isEmpty();
  }
}
