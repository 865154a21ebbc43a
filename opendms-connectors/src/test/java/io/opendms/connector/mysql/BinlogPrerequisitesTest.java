package io.opendms.connector.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opendms.spi.error.ErrorCategory;
import io.opendms.spi.error.OpenDmsException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BinlogPrerequisitesTest {

  private static final List<String> ROOT = List.of("GRANT ALL PRIVILEGES ON *.* TO `root`@`%` WITH GRANT OPTION");

  private static BinlogPrerequisites settings(boolean logBin, String format, String image,
      Duration retention, List<String> grants) {
    return new BinlogPrerequisites(logBin, format, image, retention, "dms@10.0.0.%", grants);
  }

  @Test
  void aServerSetUpForCaptureHasNoProblem() {
    assertThat(settings(true, "ROW", "FULL", Duration.ofDays(2), ROOT).problems()).isEmpty();
    assertThat(settings(true, "ROW", "FULL", Duration.ZERO, List.of(
        "GRANT SELECT, RELOAD, REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO `dms`@`10.0.0.%`"))
        .problems()).isEmpty();
  }

  @Test
  void eachWrongSettingNamesTheStatementThatFixesIt() {
    List<String> problems = settings(false, "STATEMENT", "MINIMAL", Duration.ofDays(1), ROOT).problems();
    assertThat(problems).hasSize(3);
    assertThat(problems.get(0)).contains("log_bin=OFF").contains("'log_bin=mysql-bin'").contains("restart");
    assertThat(problems.get(1)).contains("binlog_format is STATEMENT")
        .contains("SET GLOBAL binlog_format = 'ROW'").contains("'binlog_format=ROW'");
    assertThat(problems.get(2)).contains("binlog_row_image is MINIMAL")
        .contains("SET GLOBAL binlog_row_image = 'FULL'");
  }

  @Test
  void missingReplicationPrivilegesGiveTheGrant() {
    List<String> problems = settings(true, "ROW", "FULL", Duration.ZERO, List.of(
        "GRANT SELECT ON *.* TO `dms`@`10.0.0.%`",
        "GRANT ALL PRIVILEGES ON `shop`.* TO `dms`@`10.0.0.%`")).problems();
    assertThat(problems).containsExactly(
        "user dms@10.0.0.% lacks REPLICATION SLAVE, which reading the binlog needs: run GRANT"
            + " REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO 'dms'@'10.0.0.%'",
        "user dms@10.0.0.% lacks REPLICATION CLIENT, which SHOW MASTER STATUS needs: run GRANT"
            + " REPLICATION CLIENT ON *.* TO 'dms'@'10.0.0.%'");
    assertThat(settings(true, "ROW", "FULL", Duration.ZERO, List.of(
        "GRANT REPLICATION SLAVE, BINLOG MONITOR ON *.* TO `dms`@`10.0.0.%`")).problems()).isEmpty();
  }

  @Test
  void problemsFailTheTaskAsAUserError() {
    assertThatThrownBy(() -> settings(true, "MIXED", "FULL", Duration.ZERO, ROOT).require("mysql://h/db"))
        .isInstanceOfSatisfying(OpenDmsException.class,
            e -> assertThat(e.category()).isEqualTo(ErrorCategory.USER))
        .hasMessageContaining("the source mysql://h/db cannot be captured: binlog_format is MIXED");
  }

  @Test
  void aShortRetentionWarnsWithTheSetting() {
    assertThat(settings(true, "ROW", "FULL", Duration.ofHours(3), ROOT).warnings()).singleElement()
        .asString().contains("10800 s").contains("SET GLOBAL binlog_expire_logs_seconds = 86400");
    assertThat(settings(true, "ROW", "FULL", Duration.ZERO, ROOT).warnings()).isEmpty();
    assertThat(settings(true, "ROW", "FULL", Duration.ofDays(7), ROOT).warnings()).isEmpty();
  }
}
