package io.opendms.spi.type;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ZeroDateTest {

  @Test
  void recognisesZeroYearMonthOrDay() {
    assertThat(ZeroDate.isZero("0000-00-00")).isTrue();
    assertThat(ZeroDate.isZero("2024-00-15")).isTrue();
    assertThat(ZeroDate.isZero("2024-05-00 10:00:00")).isTrue();
    assertThat(ZeroDate.isZero("2024-05-01 00:00:00")).isFalse();
  }

  @Test
  void keepsTheTextAndRejectsOtherForms() {
    assertThat(new ZeroDate("0000-00-00 00:00:00.000000").text()).isEqualTo("0000-00-00 00:00:00.000000");
    assertThatThrownBy(() -> new ZeroDate("yesterday")).hasMessageContaining("not a MySQL date");
  }
}
