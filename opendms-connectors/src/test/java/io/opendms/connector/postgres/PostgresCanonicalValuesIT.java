package io.opendms.connector.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.opendms.spi.source.SnapshotReader;
import io.opendms.spi.source.SnapshotSession;
import io.opendms.spi.source.SourceConnector;
import io.opendms.spi.source.TablePartition;
import io.opendms.spi.table.Column;
import io.opendms.spi.table.TableDefinition;
import io.opendms.spi.table.TableId;
import io.opendms.spi.type.NonFiniteNumber;
import io.opendms.testkit.TestingPostgres;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The decoded path gives each type's one canonical Java representation. */
class PostgresCanonicalValuesIT {

  private static TestingPostgres database;
  private static Map<Integer, Map<String, Object>> rows;

  @BeforeAll
  static void readAllTypes() {
    database = TestingPostgres.create("canonical");
    AllTypesFixture.create(database);
    rows = new HashMap<>();
    try (SourceConnector source =
            new PostgresSourceConnectorFactory().open(TestEndpoints.of(database));
        SnapshotSession snapshot = source.openSnapshot();
        SnapshotReader reader = snapshot.openReader()) {
      TableDefinition table = source.discover(new TableId("src", "all_types")::equals).get(0);
      List<Column> columns = table.columns();
      TablePartition whole = snapshot.partition(table, 4).get(0);
      long count =
          reader.read(
              whole,
              columns,
              values -> {
                Map<String, Object> byName = new HashMap<>();
                for (int i = 0; i < values.length; i++) {
                  byName.put(columns.get(i).name(), values[i]);
                }
                rows.put((Integer) values[0], byName);
              });
      assertThat(count).isEqualTo(8);
    }
  }

  @AfterAll
  static void drop() {
    database.close();
  }

  private static Object value(int id, String column) {
    return rows.get(id).get(column);
  }

  @Test
  void integersAndExactNumbers() {
    assertThat(value(1, "c_int2")).isEqualTo((short) 32767);
    assertThat(value(2, "c_int4")).isEqualTo(Integer.MIN_VALUE);
    assertThat(value(1, "c_int8")).isEqualTo(Long.MAX_VALUE);
    assertThat(value(1, "c_numeric"))
        .isEqualTo(
            new BigDecimal(
                "123456789012345678901234567890123456789012345.678901234567890123456789"));
    assertThat(((BigDecimal) value(2, "c_numeric")).scale()).isEqualTo(991);
    assertThat(value(6, "c_numeric")).isEqualTo(new BigDecimal("0.000"));
    assertThat(value(3, "c_numeric")).isEqualTo(NonFiniteNumber.NAN);
    assertThat(value(4, "c_numeric")).isEqualTo(NonFiniteNumber.POSITIVE_INFINITY);
    assertThat(value(5, "c_numeric")).isEqualTo(NonFiniteNumber.NEGATIVE_INFINITY);
    assertThat(value(1, "c_money")).isEqualTo(new BigDecimal("92233720368547758.07"));
    assertThat(value(2, "c_money")).isEqualTo(new BigDecimal("-92233720368547758.08"));
  }

  @Test
  void floatsKeepSpecialsSignedZeroAndDenormals() {
    assertThat(value(3, "c_real")).isEqualTo(Float.NaN);
    assertThat(value(4, "c_real")).isEqualTo(Float.POSITIVE_INFINITY);
    assertThat(value(4, "c_double")).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(Float.floatToRawIntBits((Float) value(6, "c_real")))
        .isEqualTo(Float.floatToRawIntBits(-0.0f));
    assertThat(Double.doubleToRawLongBits((Double) value(6, "c_double")))
        .isEqualTo(Double.doubleToRawLongBits(-0.0));
    assertThat(value(2, "c_real")).isEqualTo(Float.MIN_VALUE);
    assertThat(value(2, "c_double")).isEqualTo(Double.MIN_VALUE);
    assertThat(value(1, "c_double")).isEqualTo(Double.MAX_VALUE);
  }

  @Test
  void textBytesAndNulls() {
    assertThat(value(2, "c_text")).isEqualTo("");
    assertThat(value(8, "c_text")).isNull();
    assertThat(value(1, "c_varchar")).isEqualTo("héllo wörld 😀🎉");
    assertThat((String) value(1, "c_text")).contains("\t", "\n", "\\", "\r", "\u000B", "\\N");
    assertThat(value(1, "c_char")).isEqualTo("ab   ");
    byte[] all = (byte[]) value(1, "c_bytea");
    assertThat(all).hasSize(256);
    for (int i = 0; i < 256; i++) {
      assertThat(all[i]).isEqualTo((byte) i);
    }
    assertThat((byte[]) value(2, "c_bytea")).isEmpty();
    assertThat(value(1, "c_json"))
        .isEqualTo("{\"a\": 1, \"a\": 2,   \"b\" : [1, 2.50, \"x\\u00e9\"] }");
    assertThat(value(7, "c_json")).isEqualTo("  {\"k\":\"v\"}  ");
    assertThat(value(1, "c_int_array")).isEqualTo("{1,NULL,3}");
    assertThat(value(1, "c_mood")).isEqualTo("it's \"quoted\"");
    assertThat(value(1, "c_uuid"))
        .isEqualTo(UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"));
    assertThat(value(1, "c_bool")).isEqualTo(true);
    Map<String, Object> allNull = new HashMap<>(rows.get(8));
    allNull.remove("id");
    assertThat(allNull)
        .hasSize(43)
        .allSatisfy((name, value) -> assertThat(value).as(name).isNull());
  }

  @Test
  void datesAndTimesIncludingInfinitiesAndBc() {
    assertThat(value(1, "c_date")).isEqualTo(LocalDate.of(9999, 12, 31));
    assertThat(value(2, "c_date")).isEqualTo(LocalDate.of(-4712, 1, 1));
    assertThat(value(3, "c_date")).isEqualTo(LocalDate.MAX);
    assertThat(value(4, "c_date")).isEqualTo(LocalDate.MIN);
    assertThat(value(6, "c_date")).isEqualTo(LocalDate.of(10000, 1, 1));
    assertThat(value(1, "c_time")).isEqualTo(LocalTime.MAX); // 24:00:00
    assertThat(value(1, "c_timetz"))
        .isEqualTo(OffsetTime.of(23, 59, 59, 999_999_000, ZoneOffset.ofHoursMinutes(15, 59)));
    assertThat(value(6, "c_timetz"))
        .isEqualTo(
            OffsetTime.of(12, 34, 56, 500_000_000, ZoneOffset.ofHoursMinutesSeconds(5, 30, 15)));
    assertThat(value(2, "c_timestamp0")).isEqualTo(LocalDateTime.of(-43, 3, 15, 12, 0));
    assertThat(value(3, "c_timestamp")).isEqualTo(LocalDateTime.MAX);
    assertThat(value(4, "c_timestamptz")).isEqualTo(Instant.MIN);
    assertThat(value(6, "c_timestamptz")).isEqualTo(Instant.parse("2024-06-30T18:29:59.500Z"));
    assertThat(value(1, "c_interval")).isEqualTo("1 year 2 mons 3 days 04:05:06.789012");
  }
}
