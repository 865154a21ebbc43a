package io.opendms.connector.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.opendms.spi.source.SourceConnector;
import io.opendms.spi.table.Column;
import io.opendms.spi.table.TableDefinition;
import io.opendms.spi.table.TableId;
import io.opendms.spi.validation.ComparableEndpoint;
import io.opendms.spi.validation.ComparisonSession;
import io.opendms.spi.validation.DigestText;
import io.opendms.spi.validation.KeySpan;
import io.opendms.spi.validation.PartitionDigest;
import io.opendms.testkit.TestingPostgres;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The one-pass digests of a table's key ranges ({@link PostgresComparisonSession#digests}): equal
 * to each range's own digest, native and canonical, for integer, text (code-point order) and
 * composite keys; and a change of one value of any type changes the digest of its range alone.
 */
class PostgresRangeDigestsIT {

  /** A different value for each non-key column of {@code typed}, set on the row with id 25. */
  private static final Map<String, String> CHANGES = Map.ofEntries(
      Map.entry("n_int", "n_int + 1"),
      Map.entry("n_text", "n_text || 'x'"),
      Map.entry("n_varchar", "upper(n_varchar)"),
      Map.entry("n_numeric", "n_numeric + 0.001"),
      Map.entry("n_real", "n_real * 2"),
      Map.entry("n_double", "n_double + 1e-9"),
      Map.entry("n_timestamptz", "n_timestamptz + interval '1 microsecond'"),
      Map.entry("n_timestamp", "n_timestamp + interval '1 millisecond'"),
      Map.entry("n_date", "n_date + 1"),
      Map.entry("n_time", "n_time + interval '1 second'"),
      Map.entry("n_jsonb", "n_jsonb || '{\"x\": 1}'"),
      Map.entry("n_bytea", "'\\x00'"),
      Map.entry("n_bool", "NOT n_bool"),
      Map.entry("n_uuid", "gen_random_uuid()"),
      Map.entry("n_nullable", "''"));

  /** Columns whose values rows 21 and 22 swap in a table of their own. */
  private static final List<String> SWAPPED = List.of("n_int", "n_text", "n_varchar",
      "n_numeric", "n_timestamptz", "n_date", "n_jsonb", "n_bytea", "n_uuid");

  private static TestingPostgres database;
  private static SourceConnector connector;
  private static ComparisonSession session;

  @BeforeAll
  static void createTables() {
    database = TestingPostgres.create("range_digests");
    database.execute(
        "CREATE TABLE typed (id bigint PRIMARY KEY, n_int int, n_text text, n_varchar varchar(20),"
            + " n_numeric numeric(12,3), n_real real, n_double double precision,"
            + " n_timestamptz timestamptz, n_timestamp timestamp(3), n_date date, n_time time,"
            + " n_jsonb jsonb, n_bytea bytea, n_bool boolean, n_uuid uuid,"
            + " n_nullable text)",
        "INSERT INTO typed SELECT g, g * 7, 'text ' || g, 'v' || g, g * 1.125, g / 3.0, g / 7.0,"
            + " timestamptz '2024-01-01 00:00:00+00' + g * interval '1.5 seconds',"
            + " timestamp '2024-01-01' + g * interval '1 ms', date '2024-01-01' + g,"
            + " time '00:00' + g * interval '1 second', jsonb_build_object('n', g, 'a', 1.50),"
            + " int4send(g), g % 2 = 0, md5(g::text)::uuid,"
            + " NULL FROM generate_series(1, 60) g",
        "CREATE TABLE text_keyed (k text PRIMARY KEY, v int)",
        "INSERT INTO text_keyed VALUES ('a', 1), ('B', 2), ('b', 3), ('Z', 4), ('é', 5),"
            + " ('ä', 6), ('a b', 7), ('A', 8), ('\"q\"', 9), ('back\\slash', 10), ('z', 11)",
        "CREATE TABLE with_json (id int PRIMARY KEY, doc json)",
        "INSERT INTO with_json SELECT g, ('{\"b\": ' || g || ', \"a\": 1}')::json"
            + " FROM generate_series(1, 30) g",
        "CREATE TABLE composite (a int, b text, v int, PRIMARY KEY (a, b))",
        "INSERT INTO composite SELECT g % 5, 'k' || g, g FROM generate_series(1, 40) g");
    for (String column : SWAPPED) {
      database.execute("CREATE TABLE swapped_" + column + " (LIKE typed INCLUDING ALL)",
          "INSERT INTO swapped_" + column + " SELECT * FROM typed",
          "UPDATE swapped_" + column + " AS t SET " + column + " = o." + column
              + " FROM typed AS o WHERE (t.id, o.id) IN ((21, 22), (22, 21))");
    }
    for (String column : CHANGES.keySet()) {
      database.execute("CREATE TABLE changed_" + column + " (LIKE typed INCLUDING ALL)",
          "INSERT INTO changed_" + column + " SELECT * FROM typed",
          "UPDATE changed_" + column + " SET " + column + " = " + CHANGES.get(column)
              + " WHERE id = 25");
    }
    connector = new PostgresSourceConnectorFactory().open(TestEndpoints.of(database));
    session = ((ComparableEndpoint) connector).openComparison();
  }

  @AfterAll
  static void drop() {
    session.close();
    connector.close();
    database.close();
  }

  @Test
  void onePassEqualsEachRangesOwnDigestNativeAndCanonical() {
    TableDefinition typed = table("typed");
    List<KeySpan> spans = spans(typed, 10);
    assertThat(spans).hasSize(6);
    assertOnePassEqualsPerRange(spans, typed.columns(), DigestText.NATIVE);
    List<Column> canonical = typed.columns().stream()
        .filter(c -> !c.name().equals("n_real") && !c.name().equals("n_double")).toList();
    assertOnePassEqualsPerRange(spans, canonical, DigestText.CANONICAL);
    assertThat(session.digests(spans, typed.columns(), DigestText.NATIVE).stream()
        .mapToLong(PartitionDigest::rows).sum()).isEqualTo(60);
  }

  @Test
  void textKeysAreRangedByCodePointAsTheirSpansSelectThem() {
    TableDefinition keyed = table("text_keyed");
    List<KeySpan> spans = spans(keyed, 2);
    assertThat(spans).hasSize(6);
    assertOnePassEqualsPerRange(spans, keyed.columns(), DigestText.NATIVE);
    assertThat(session.digests(spans, keyed.columns(), DigestText.NATIVE))
        .extracting(PartitionDigest::rows).containsExactly(2L, 2L, 2L, 2L, 2L, 1L);
  }

  @Test
  void aTypeWithoutBinaryHashIsHashedAsTextInOnePassToo() {
    TableDefinition withJson = table("with_json");
    List<KeySpan> spans = spans(withJson, 10);
    assertOnePassEqualsPerRange(spans, withJson.columns(), DigestText.NATIVE);
    assertOnePassEqualsPerRange(spans, withJson.columns(), DigestText.CANONICAL);
  }

  @Test
  void compositeKeysAreDigestedRangeByRange() {
    TableDefinition composite = table("composite");
    List<KeySpan> spans = spans(composite, 8);
    assertThat(spans).hasSize(5);
    assertOnePassEqualsPerRange(spans, composite.columns(), DigestText.NATIVE);
  }

  @Test
  void aChangedValueOfAnyTypeChangesTheDigestOfItsRangeAlone() {
    TableDefinition typed = table("typed");
    List<KeySpan> spans = spans(typed, 10);
    List<PartitionDigest> original = session.digests(spans, typed.columns(), DigestText.NATIVE);
    for (String column : CHANGES.keySet()) {
      TableDefinition changed = table("changed_" + column);
      List<KeySpan> changedSpans = spans.stream()
          .map(span -> span.on(changed.id(), changed.columns().subList(0, 1))).toList();
      List<PartitionDigest> digests =
          session.digests(changedSpans, changed.columns(), DigestText.NATIVE);
      for (int i = 0; i < spans.size(); i++) {
        boolean holdsTheRow = spans.get(i).contains(List.of(25L));
        assertThat(digests.get(i).equals(original.get(i)))
            .as("column %s, range %s", column, spans.get(i)).isEqualTo(!holdsTheRow);
      }
    }
  }

  @Test
  void twoRowsThatSwapAValueChangeTheDigest() {
    TableDefinition typed = table("typed");
    List<KeySpan> spans = spans(typed, 10);
    List<PartitionDigest> original = session.digests(spans, typed.columns(), DigestText.NATIVE);
    for (String column : SWAPPED) {
      TableDefinition swapped = table("swapped_" + column);
      List<KeySpan> swappedSpans = spans.stream()
          .map(span -> span.on(swapped.id(), swapped.columns().subList(0, 1))).toList();
      // rows 21 and 22 are in the third range
      assertThat(session.digests(swappedSpans, swapped.columns(), DigestText.NATIVE).get(2))
          .as(column).isNotEqualTo(original.get(2));
    }
  }

  private static void assertOnePassEqualsPerRange(List<KeySpan> spans, List<Column> columns,
      DigestText text) {
    List<PartitionDigest> perRange = new ArrayList<>();
    spans.forEach(span -> perRange.add(session.digest(span, columns, text)));
    assertThat(session.digests(spans, columns, text)).as(text.name())
        .containsExactlyElementsOf(perRange);
  }

  private static List<KeySpan> spans(TableDefinition table, int rowsPerRange) {
    List<Column> key = table.columns().stream()
        .filter(c -> table.primaryKey().contains(c.name())).toList();
    List<List<Object>> cuts = session.splitKeys(table.id(), key, rowsPerRange);
    var spans = new ArrayList<KeySpan>();
    List<Object> lower = null;
    for (List<Object> cut : cuts) {
      spans.add(new KeySpan(table.id(), key, lower, cut));
      lower = cut;
    }
    spans.add(new KeySpan(table.id(), key, lower, null));
    return spans;
  }

  private static TableDefinition table(String name) {
    return connector.discover(new TableId("public", name)::equals).get(0);
  }
}
