package io.opendms.server.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.opendms.engine.assess.AssessmentReport;
import io.opendms.spi.assess.CheckResult;
import io.opendms.spi.assess.CheckStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class AssessmentRunStatusTest {

  @Test
  void oneFailedCheckFailsTheRun() {
    assertThat(AssessmentService.runStatus(report(CheckStatus.PASSED, CheckStatus.WARNING,
        CheckStatus.FAILED))).isEqualTo("failed");
  }

  @Test
  void aWarningOrOnlySkippedChecksMakeAWarningRunAsInDms() {
    assertThat(AssessmentService.runStatus(report(CheckStatus.PASSED, CheckStatus.WARNING)))
        .isEqualTo("warning");
    assertThat(AssessmentService.runStatus(report(CheckStatus.SKIPPED))).isEqualTo("warning");
  }

  @Test
  void aCheckThatCouldNotRunIsAnExecutionErrorAndAllPassedPasses() {
    assertThat(AssessmentService.runStatus(report(CheckStatus.PASSED, CheckStatus.ERROR)))
        .isEqualTo("error-executing");
    assertThat(AssessmentService.runStatus(report(CheckStatus.PASSED, CheckStatus.SKIPPED)))
        .isEqualTo("passed");
  }

  private static AssessmentReport report(CheckStatus... statuses) {
    var results = new java.util.ArrayList<CheckResult>();
    for (CheckStatus status : statuses) {
      results.add(new CheckResult("check-" + results.size(), status, "m", List.of(), "fix it"));
    }
    return new AssessmentReport(results);
  }
}
