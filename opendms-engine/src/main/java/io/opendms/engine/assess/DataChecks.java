package io.opendms.engine.assess;

import static io.opendms.spi.assess.Check.guarded;

import io.opendms.engine.plan.TablePlan;
import io.opendms.engine.settings.TargetMetadataSettings;
import io.opendms.spi.assess.CheckResult;
import io.opendms.spi.assess.CheckStatus;
import io.opendms.spi.assess.SourceAssessment;
import io.opendms.spi.assess.TargetAssessment;
import io.opendms.spi.table.Column;
import io.opendms.spi.type.DmsType;
import java.util.ArrayList;
import java.util.List;

/** Checks that read the selected tables' data or column types. */
final class DataChecks {
  static final String EMPTY_TABLES = "opendms-check-empty-tables";
  static final String LOB_SIZE = "opendms-check-limited-lob-size";
  static final String TYPES = "unsupported-data-types-in-source";

  private DataChecks() {}

  static CheckResult emptyTables(SourceAssessment source, List<TablePlan> plans) {
    return guarded(EMPTY_TABLES, () -> {
      List<String> empty = new ArrayList<>();
      for (TablePlan plan : plans) {
        if (source.isEmpty(plan.source().id())) {
          empty.add(plan.source().id().toString());
        }
      }
      if (empty.isEmpty()) {
        return CheckResult.passed(EMPTY_TABLES, "every selected table has rows");
      }
      return new CheckResult(EMPTY_TABLES, CheckStatus.WARNING,
          empty.size() + " selected table(s) are empty: they are created on the target and get"
              + " no rows", empty,
          "make sure the source endpoint points at the database that holds the data, or exclude"
              + " tables that are meant to be empty");
    });
  }

  /**
   * DMS treats character and binary LOBs, and PostgreSQL json/jsonb, as LOBs; in limited LOB
   * mode their values are cut at LobMaxSize.
   */
  static CheckResult lobSizes(
      SourceAssessment source, List<TablePlan> plans, TargetMetadataSettings settings) {
    return guarded(LOB_SIZE, () -> {
      var columns = new ArrayList<String>();
      var tooLong = new ArrayList<String>();
      long limit = settings.lobMaxSizeKb() * 1024L;
      long largest = 0;
      for (TablePlan plan : plans) {
        for (Column column : plan.source().columns()) {
          if (!isLob(column)) {
            continue;
          }
          String name = plan.source().id() + "." + column.name();
          columns.add(name);
          if (!settings.supportLobs() || settings.fullLobMode()) {
            continue;
          }
          long bytes = source.largestValueBytes(plan.source().id(), column);
          largest = Math.max(largest, bytes);
          if (settings.limitedSizeLobMode() && bytes > limit) {
            tooLong.add(name + " (largest " + kilobytes(bytes) + " KB)");
          }
        }
      }
      if (columns.isEmpty()) {
        return CheckResult.passed(LOB_SIZE, "the selected tables have no LOB columns");
      }
      if (!settings.supportLobs()) {
        return new CheckResult(LOB_SIZE, CheckStatus.WARNING, "SupportLobs is false: "
            + columns.size() + " LOB column(s) are left out of the target", columns,
            "set TargetMetadata.SupportLobs to true to migrate them");
      }
      if (tooLong.isEmpty()) {
        return CheckResult.passed(LOB_SIZE, columns.size() + " LOB column(s)"
            + (settings.fullLobMode() ? " migrate whole in full LOB mode"
                : ", none longer than LobMaxSize=" + settings.lobMaxSizeKb() + " KB"));
      }
      return new CheckResult(LOB_SIZE, CheckStatus.WARNING,
          "in limited LOB mode values longer than LobMaxSize=" + settings.lobMaxSizeKb()
              + " KB are truncated: " + String.join(", ", tooLong), tooLong,
          "set TargetMetadata.LobMaxSize to at least " + kilobytes(largest)
              + " (KB), or FullLobMode to true");
    });
  }

  static CheckResult typeConversions(TargetAssessment target, List<TablePlan> plans) {
    return guarded(TYPES, () -> {
      var risks = new ArrayList<String>();
      for (TablePlan plan : plans) {
        for (String risk : target.conversionRisks(plan.source())) {
          risks.add(plan.source().id() + "." + risk);
        }
      }
      if (risks.isEmpty()) {
        return CheckResult.passed(TYPES, "every selected column's values fit the target types");
      }
      return new CheckResult(TYPES, CheckStatus.WARNING,
          risks.size() + " column(s) may lose values or change form on the target", risks,
          "check those columns hold no such values (or convert them on the source first), or"
              + " create the target tables yourself with types that hold them"
              + " (TargetTablePrepMode DO_NOTHING or TRUNCATE_BEFORE_LOAD)");
    });
  }

  private static boolean isLob(Column column) {
    return column.type().kind().isLob() || column.type().kind() == DmsType.JSON;
  }

  private static long kilobytes(long bytes) {
    return (bytes + 1023) / 1024;
  }
}
