package io.opendms.engine.throughput;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PayloadSizeTest {
  @Test
  void countsTextAndBinaryByLengthOtherValuesAsEightAndNullAsNothing() {
    assertThat(PayloadSize.ofRow(new Object[] {"abcd", new byte[] {1, 2, 3}, 42L, new BigDecimal("1.5"), null}))
        .isEqualTo(4 + 3 + 8 + 8);
  }

  @Test
  void countsAnyTextByItsLengthAndTimesAndBooleansAsEight() {
    assertThat(PayloadSize.ofRow(new Object[] {new StringBuilder("abcdef"), true, LocalDate.of(2026, 12, 1)}))
        .isEqualTo(6 + 8 + 8);
  }

  @Test
  void addsBothImagesOfAChangeAndToleratesAMissingOne() {
    List<Object> after = Arrays.asList("xy", null);
    assertThat(PayloadSize.ofImages(null, after)).isEqualTo(2);
    assertThat(PayloadSize.ofImages(after, after)).isEqualTo(4);
    assertThat(PayloadSize.ofImages(null, null)).isZero();
  }
}
