package io.opendms.connector.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opendms.spi.error.OpenDmsException;
import org.junit.jupiter.api.Test;

class FullLoadErrorsTest {

  @Test
  void refusalsAreCountedOnlyOnceAThousandRowsWereSent() {
    FullLoadErrors errors = new FullLoadErrors("public.t", 10);
    errors.record(new OpenSearchBulk.Outcome(500, 400, "public.t document x: HTTP 400"));
    assertThat(errors.refused()).isEqualTo(400);
    assertThatThrownBy(() -> errors.record(new OpenSearchBulk.Outcome(99, 1, "second")))
        .isInstanceOf(OpenDmsException.class)
        .hasMessageContaining("full load of public.t stopped")
        .hasMessageContaining("401 of 1000 rows")
        .hasMessageContaining("FullLoadErrorPercentage 10%")
        .hasMessageContaining("first: second");
  }

  @Test
  void aShareAtOrBelowThePercentageGoesOn() {
    FullLoadErrors errors = new FullLoadErrors("public.t", 10);
    errors.record(new OpenSearchBulk.Outcome(900, 100, "x"));
    errors.record(new OpenSearchBulk.Outcome(1000, 0, null));
    assertThat(errors.refused()).isEqualTo(100);
  }
}
