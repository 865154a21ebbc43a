package io.opendms.engine.assess;

import io.opendms.spi.assess.CheckResult;
import io.opendms.spi.assess.CheckStatus;
import java.util.List;

/**
 * The results of one premigration assessment, in the order the checks ran.
 *
 * @param results one per check
 */
public record AssessmentReport(List<CheckResult> results) {

  public AssessmentReport {
    results = List.copyOf(results);
  }

  /** The worst status of any check; {@code PASSED} when there were none. */
  public CheckStatus overall() {
    return results.stream()
        .map(CheckResult::status)
        .reduce(CheckStatus.PASSED, CheckStatus::worse);
  }

  /** How many checks ended with this status. */
  public long count(CheckStatus status) {
    return results.stream().filter(r -> r.status() == status).count();
  }
}
