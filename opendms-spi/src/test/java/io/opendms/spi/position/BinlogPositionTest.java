package io.opendms.spi.position;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BinlogPositionTest {

  @Test
  void roundTripsDmsCdcStartPositionForm() {
    BinlogPosition position = BinlogPosition.parse("mysql-bin-changelog.000024:373");
    assertThat(position.file()).isEqualTo("mysql-bin-changelog.000024");
    assertThat(position.offset()).isEqualTo(373);
    assertThat(position.format()).isEqualTo("mysql-bin-changelog.000024:373");
    assertThat(BinlogPosition.parse(position.format())).isEqualTo(position);
  }

  @Test
  void ordersByFileThenOffset() {
    assertThat(BinlogPosition.parse("bin.000002:4")).isGreaterThan(BinlogPosition.parse("bin.000001:900"));
    assertThat(BinlogPosition.parse("bin.000001:900")).isGreaterThan(BinlogPosition.parse("bin.000001:4"));
  }

  @Test
  void keepsTheGtidBesideThePositionButNotInItsText() {
    var position = new BinlogPosition("bin.000001", 120, "0-1-42");
    assertThat(position.format()).isEqualTo("bin.000001:120");
    assertThat(position.toString()).contains("0-1-42");
  }

  @Test
  void rejectsWhatIsNotFileColonOffset() {
    assertThatThrownBy(() -> BinlogPosition.parse("bin.000001")).hasMessageContaining("file:offset");
    assertThatThrownBy(() -> BinlogPosition.parse("bin.000001:x")).hasMessageContaining("file:offset");
    assertThatThrownBy(() -> BinlogPosition.parse(":5")).hasMessageContaining("file:offset");
    assertThatThrownBy(() -> new BinlogPosition("bin", -1)).hasMessageContaining(">= 0");
  }
}
