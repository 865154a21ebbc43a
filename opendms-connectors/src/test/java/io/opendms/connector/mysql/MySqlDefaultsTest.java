package io.opendms.connector.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import io.opendms.spi.schema.ColumnDefault;
import io.opendms.spi.schema.ColumnDefault.Kind;
import org.junit.jupiter.api.Test;

class MySqlDefaultsTest {

  private static ColumnDefault classify(String value, String extra, boolean textual) {
    return MySqlDefaults.classify("c", value, extra, textual).orElse(null);
  }

  @Test
  void classifiesMariaDbDefaults() {
    assertThat(classify("'it''s \\\\ x'", "", true)).isEqualTo(new ColumnDefault("c", Kind.LITERAL, "'it''s \\ x'"));
    assertThat(classify("1.50", "", false)).isEqualTo(new ColumnDefault("c", Kind.LITERAL, "1.50"));
    assertThat(classify("current_timestamp(3)", "", false).kind()).isEqualTo(Kind.CURRENT_TIMESTAMP);
    assertThat(classify("uuid()", "", true).kind()).isEqualTo(Kind.EXPRESSION);
    assertThat(classify("NULL", "", true)).isNull();
    assertThat(classify(null, "auto_increment", false).kind()).isEqualTo(Kind.IDENTITY);
  }

  @Test
  void acceptsMySql8BareStringConstants() {
    assertThat(classify("abc", "", true)).isEqualTo(new ColumnDefault("c", Kind.LITERAL, "'abc'"));
    assertThat(classify("abc", "DEFAULT_GENERATED", true).kind()).isEqualTo(Kind.EXPRESSION);
  }

  @Test
  void writesStandardLiteralsForMySql() {
    assertThat(MySqlDefaults.mysqlLiteral("'a\\b'")).isEqualTo("'a\\\\b'");
    assertThat(MySqlDefaults.mysqlLiteral("42")).isEqualTo("42");
  }
}
