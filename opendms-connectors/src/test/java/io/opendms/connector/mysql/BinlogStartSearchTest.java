package io.opendms.connector.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BinlogStartSearchTest {

  @Test
  void aMariaDbGtidListIsExecutedWhenEveryDomainIsAtOrBeforeTheServer() {
    assertThat(BinlogStartSearch.mariaDbSubset("0-1-42", "0-1-42")).isTrue();
    assertThat(BinlogStartSearch.mariaDbSubset("0-1-41", "0-1-42,1-2-7")).isTrue();
    assertThat(BinlogStartSearch.mariaDbSubset("0-1-41, 1-2-7", "0-1-42,1-2-7")).isTrue();
    assertThat(BinlogStartSearch.mariaDbSubset("0-1-43", "0-1-42")).isFalse();
    assertThat(BinlogStartSearch.mariaDbSubset("2-1-1", "0-1-42")).isFalse();
  }
}
