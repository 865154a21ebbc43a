package io.opendms.connector.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CopyTextDecoderTest {

  private final CopyTextDecoder decoder = new CopyTextDecoder();

  private Object[] decode(String line, int fields) {
    return decoder.decode(line.getBytes(StandardCharsets.UTF_8), texts(fields));
  }

  /** Kinds that keep every field as its text. */
  static ValueKind[] texts(int fields) {
    ValueKind[] kinds = new ValueKind[fields];
    Arrays.fill(kinds, ValueKind.TEXT);
    return kinds;
  }

  @Test
  void splitsFieldsOnTabsAndDropsTheNewline() {
    assertThat(decode("1\tabc\t\n", 3)).containsExactly("1", "abc", "");
  }

  @Test
  void readsBackslashNAsNullButAnEmptyFieldAsEmptyString() {
    assertThat(decode("\\N\t\t\\N\n", 3)).containsExactly(null, "", null);
  }

  @Test
  void undoesTheEscapesPostgresWrites() {
    assertThat(decode("a\\\\b\\tc\\nd\\re\\bf\\fg\\vh\n", 1))
        .containsExactly("a\\b\tc\nd\re\bf\fg\u000Bh");
  }

  @Test
  void readsOctalAndHexByteEscapesAsUtf8Bytes() {
    // \303\251 and \xc3\xa9 are the two UTF-8 bytes of é
    assertThat(decode("\\303\\251\t\\xc3\\xa9\t\\101\\x4\n", 3))
        .containsExactly("é", "é", "A\u0004");
  }

  @Test
  void treatsBackslashBeforeAnyOtherCharacterAsThatCharacter() {
    assertThat(decode("\\N1\t\\.\t\\x\n", 3)).containsExactly("N1", ".", "x");
  }

  @Test
  void keepsAnEscapedRawTabInsideTheField() {
    assertThat(decode("a\\\tb\tc\n", 2)).containsExactly("a\tb", "c");
  }

  @Test
  void decodesFourByteCharacters() {
    assertThat(decode("😀 𝄞\t\\\\😀\n", 2)).containsExactly("😀 𝄞", "\\😀");
  }

  @Test
  void acceptsALineWithoutNewline() {
    assertThat(decode("x\ty", 2)).containsExactly("x", "y");
  }

  @Test
  void rejectsAWrongFieldCount() {
    assertThatThrownBy(() -> decode("1\t2\n", 3)).hasMessageContaining("3 fields");
    assertThatThrownBy(() -> decode("1\t2\t3\n", 2)).hasMessageContaining("2 fields");
  }

  @Test
  void growsItsScratchBufferForLongEscapedFields() {
    String longText = "\\\\".repeat(10_000);
    assertThat(decode(longText + "\n", 1)[0]).isEqualTo("\\".repeat(10_000));
  }
}
