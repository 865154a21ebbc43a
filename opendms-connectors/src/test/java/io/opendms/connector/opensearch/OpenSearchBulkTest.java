package io.opendms.connector.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OpenSearchBulkTest {

  /** Adds writes until the bulk says it is full; returns how many it took. */
  private static int writesUntilFull(OpenSearchBulk bulk) {
    int writes = 0;
    while (!bulk.full()) {
      bulk.index("orders", "id" + writes, "{\"id\":" + writes + "}", "public.orders");
      writes++;
    }
    return writes;
  }

  @Test
  void parallelLoadBufferSizeSetsTheDocumentsPerRequestAndZeroKeeps5000() {
    // no request is sent: the client is never used
    assertThat(writesUntilFull(new OpenSearchBulk(null, 50))).isEqualTo(50);
    assertThat(writesUntilFull(new OpenSearchBulk(null, 1000))).isEqualTo(1000);
    assertThat(writesUntilFull(new OpenSearchBulk(null, 0))).isEqualTo(OpenSearchBulk.MAX_ACTIONS);
  }
}
