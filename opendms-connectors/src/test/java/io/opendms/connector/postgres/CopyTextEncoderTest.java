package io.opendms.connector.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class CopyTextEncoderTest {

  private final CopyTextEncoder encoder = new CopyTextEncoder();

  private String encode(Object... values) {
    return new String(encoder.encode(values), StandardCharsets.UTF_8);
  }

  @Test
  void writesTabSeparatedFieldsEndingInNewline() {
    assertThat(encode(1, "a", new BigDecimal("1.50"), LocalDate.of(2024, 2, 29)))
        .isEqualTo("1\ta\t1.50\t2024-02-29\n");
  }

  @Test
  void writesNullAsBackslashNAndEmptyStringAsNothing() {
    assertThat(encode(null, "", null)).isEqualTo("\\N\t\t\\N\n");
  }

  @Test
  void escapesBackslashesAndControlCharacters() {
    assertThat(encode("a\\b\tc\nd\re\bf\fg\u000Bh")).isEqualTo("a\\\\b\\tc\\nd\\re\\bf\\fg\\vh\n");
  }

  @Test
  void escapesTheBackslashOfByteaHex() {
    assertThat(encode((Object) new byte[] {0, (byte) 0xff})).isEqualTo("\\\\x00ff\n");
  }

  @Test
  void roundTripsEveryTrickyStringThroughTheDecoder() {
    String[] samples = {
      "",
      "\\N",
      "\\",
      "tab\there",
      "line\nbreak\r\n",
      "😀 emoji 𝄞",
      "quote ' \" ",
      "é ü ß 中文",
      "\\x41",
      "trailing\\"
    };
    CopyTextDecoder decoder = new CopyTextDecoder();
    Object[] decoded = decoder.decode(encoder.encode(samples), CopyTextDecoderTest.texts(samples.length));
    assertThat(decoded).containsExactly(samples);
  }

  @Test
  void rejectsNulCharactersNamingTheField() {
    assertThatThrownBy(() -> encoder.encode(new Object[] {"ok", "bad\u0000"}))
        .isInstanceOfSatisfying(
            CopyFieldException.class, e -> assertThat(e.field()).isEqualTo(1))
        .hasMessageContaining("U+0000");
  }

  @Test
  void rejectsUnpairedSurrogatesInsteadOfReplacingThem() {
    assertThatThrownBy(() -> encoder.encode(new Object[] {"a\uD83Db"}))
        .isInstanceOf(CopyFieldException.class)
        .hasMessageContaining("surrogate");
    assertThatThrownBy(() -> encoder.encode(new Object[] {"\uDE00"}))
        .isInstanceOf(CopyFieldException.class);
  }

  @Test
  void rejectsValuesOfNonCanonicalClasses() {
    assertThatThrownBy(() -> encoder.encode(new Object[] {1, new StringBuilder("x")}))
        .isInstanceOfSatisfying(
            CopyFieldException.class, e -> assertThat(e.field()).isEqualTo(1))
        .hasMessageContaining("StringBuilder");
  }
}
