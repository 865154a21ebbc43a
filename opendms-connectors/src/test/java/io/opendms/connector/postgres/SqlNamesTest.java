package io.opendms.connector.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.opendms.spi.table.TableId;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlNamesTest {

  @Test
  void quotesEveryIdentifierAndDoublesInnerQuotes() {
    assertThat(SqlNames.quote("abc")).isEqualTo("\"abc\"");
    assertThat(SqlNames.quote("Mixed Case")).isEqualTo("\"Mixed Case\"");
    assertThat(SqlNames.quote("a\"b")).isEqualTo("\"a\"\"b\"");
    assertThat(SqlNames.qualified(new TableId("My Schema", "t\"1")))
        .isEqualTo("\"My Schema\".\"t\"\"1\"");
  }

  @Test
  void writesLiteralsThatMeanTheSameUnderEitherStringSetting() {
    assertThat(SqlNames.literal("it's")).isEqualTo("'it''s'");
    assertThat(SqlNames.literal("a\\b'")).isEqualTo("E'a\\\\b'''");
  }

  @Test
  void splitsFormattedTypeNames() {
    assertThat(SqlNames.typeNameParts("public.mood")).isEqualTo(List.of("public", "mood"));
    assertThat(SqlNames.typeNameParts("public.mood[]")).isEqualTo(List.of("public", "mood"));
    assertThat(SqlNames.typeNameParts("\"My S\".\"Mo.od \"\"x\"\"\"[][]"))
        .isEqualTo(List.of("My S", "Mo.od \"x\""));
    assertThat(SqlNames.typeNameParts("integer")).isEqualTo(List.of("integer"));
  }
}
