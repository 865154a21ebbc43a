package io.opendms.connector.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opendms.spi.table.Column;
import io.opendms.spi.type.DataType;
import io.opendms.spi.type.DmsType;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The binary COPY format's framing and its failures; PostgresBinaryCopyIT checks the values
 * against the real server.
 */
class CopyBinaryDecoderTest {

  private static final List<Column> COLUMNS = List.of(
      new Column("id", DataType.of(DmsType.INT4), false, "integer"),
      new Column("amount", DataType.of(DmsType.NUMERIC), true, "numeric(12,2)"));

  /** Builds COPY messages the way PostgreSQL frames them. */
  private static final class Message {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final DataOutputStream out = new DataOutputStream(bytes);

    Message header(int flags, int extension) {
      return run(() -> {
        out.write(new byte[] {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0});
        out.writeInt(flags);
        out.writeInt(extension);
        out.write(new byte[extension]);
      });
    }

    Message fields(int count) {
      return run(() -> out.writeShort(count));
    }

    Message int4(int value) {
      return run(() -> {
        out.writeInt(4);
        out.writeInt(value);
      });
    }

    Message numeric(int weight, int sign, int scale, int... digits) {
      return run(() -> {
        out.writeInt(8 + 2 * digits.length);
        out.writeShort(digits.length);
        out.writeShort(weight);
        out.writeShort(sign);
        out.writeShort(scale);
        for (int digit : digits) {
          out.writeShort(digit);
        }
      });
    }

    Message field(byte[] value) {
      return run(() -> {
        out.writeInt(value.length);
        out.write(value);
      });
    }

    Message nullField() {
      return run(() -> out.writeInt(-1));
    }

    byte[] bytes() {
      return bytes.toByteArray();
    }

    private interface Write {
      void run() throws IOException;
    }

    private Message run(Write write) {
      try {
        write.run();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return this;
    }
  }

  private static List<Object[]> decode(CopyBinaryDecoder decoder, byte[]... messages) {
    List<Object[]> rows = new ArrayList<>();
    for (byte[] message : messages) {
      decoder.decode(message, rows);
    }
    return rows;
  }

  @Test
  void readsTheHeaderWithTheFirstRowThenRowsThenTheEndMarker() {
    CopyBinaryDecoder decoder = CopyBinaryDecoder.forColumns(COLUMNS);
    List<Object[]> rows = decode(decoder,
        new Message().header(0, 3).fields(2).int4(1).numeric(1, 0, 2, 1, 2345, 6700).bytes(),
        new Message().fields(2).int4(-2).nullField().bytes(),
        new Message().fields(2).int4(3).numeric(0, 0x4000, 2, 0, 5000).bytes(),
        new Message().fields(-1).bytes());
    assertThat(rows).hasSize(3);
    assertThat(rows.get(0)).containsExactly(1, new BigDecimal("12345.67"));
    assertThat(rows.get(1)).containsExactly(-2, null);
    assertThat(rows.get(2)).containsExactly(3, new BigDecimal("-0.50"));
  }

  @Test
  void readsAnEmptyCopy() {
    assertThat(decode(CopyBinaryDecoder.forColumns(COLUMNS),
        new Message().header(0, 0).fields(-1).bytes())).isEmpty();
  }

  @Test
  void keepsNumericDigitsBeyondALongExactly() {
    // 123456789012345678901.5 at scale 3: six base-10000 digits, weight 5
    List<Object[]> rows = decode(CopyBinaryDecoder.forColumns(COLUMNS),
        new Message().header(0, 0).fields(2).int4(1)
            .numeric(5, 0, 3, 1, 2345, 6789, 123, 4567, 8901, 5000).bytes());
    assertThat(rows.get(0)[1]).isEqualTo(new BigDecimal("123456789012345678901.500"));
  }

  @Test
  void namesTheFieldWhoseBytesAreNotItsType() {
    CopyBinaryDecoder decoder = CopyBinaryDecoder.forColumns(COLUMNS);
    byte[] message =
        new Message().header(0, 0).fields(2).field(new byte[] {1, 2}).nullField().bytes();
    assertThatThrownBy(() -> decode(decoder, message))
        .isInstanceOfSatisfying(CopyFieldException.class, e -> assertThat(e.field()).isZero())
        .hasMessageContaining("2 bytes where 4 were expected");
  }

  @Test
  void refusesNumericDigitsBeyondItsScale() {
    byte[] message = new Message().header(0, 0).fields(2).int4(1).numeric(0, 0, 0, 1, 5000).bytes();
    assertThatThrownBy(() -> decode(CopyBinaryDecoder.forColumns(COLUMNS), message))
        .isInstanceOfSatisfying(CopyFieldException.class, e -> assertThat(e.field()).isOne())
        .hasMessageContaining("beyond its scale");
  }

  @Test
  void refusesBrokenFraming() {
    assertThatThrownBy(() -> decode(CopyBinaryDecoder.forColumns(COLUMNS),
        new Message().fields(2).int4(1).int4(2).bytes()))
        .hasMessageContaining("signature");
    assertThatThrownBy(() -> decode(CopyBinaryDecoder.forColumns(COLUMNS),
        new Message().header(1 << 16, 0).bytes()))
        .hasMessageContaining("OIDs");
    assertThatThrownBy(() -> decode(CopyBinaryDecoder.forColumns(COLUMNS),
        new Message().header(0, 0).fields(3).bytes()))
        .hasMessageContaining("3 fields, not 2");
    byte[] cut = new Message().header(0, 0).fields(2).int4(1).field(new byte[8]).bytes();
    assertThatThrownBy(() -> decode(CopyBinaryDecoder.forColumns(COLUMNS),
        java.util.Arrays.copyOf(cut, cut.length - 3)))
        .hasMessageContaining("does not fit");
    assertThatThrownBy(() -> decode(CopyBinaryDecoder.forColumns(COLUMNS),
        new Message().header(0, 0).fields(-1).fields(2).bytes()))
        .hasMessageContaining("after its end marker");
  }

  @Test
  void readsAsTextWhatItHasNoBinaryReadingFor() {
    assertThat(CopyBinaryDecoder.forColumns(List.of(
        new Column("i", DataType.of(DmsType.STRING), true, "interval")))).isNull();
    // a type transformation changed the kind: the binary integer would not be its value
    assertThat(CopyBinaryDecoder.forColumns(List.of(
        new Column("n", DataType.of(DmsType.STRING), true, "integer")))).isNull();
    assertThat(CopyBinaryDecoder.forColumns(List.of(
        new Column("t", DataType.of(DmsType.DATETIME), true, "timestamp(3) with time zone"))))
        .isNotNull();
  }
}
