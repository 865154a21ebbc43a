package io.opendms.engine.validation;

import io.opendms.spi.table.Column;
import io.opendms.spi.table.TableDefinition;
import io.opendms.spi.validation.ComparisonSession;
import io.opendms.spi.validation.DigestText;
import io.opendms.spi.validation.TextCollation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides how a table is compared: pairs source and target columns by name, and picks the
 * digest: native when both sides are the same engine with the same column types, canonical when
 * both databases can render every column's canonical text, none (rows compared decoded)
 * otherwise. Stateless.
 */
final class ComparisonPlanner {

  /** A plan, or why the table cannot be validated. */
  record Planned(TableComparison comparison, ValidationState refused, String reason) {}

  private final boolean skipLobColumns;
  private final boolean handleCollationDiff;

  ComparisonPlanner(boolean skipLobColumns, boolean handleCollationDiff) {
    this.skipLobColumns = skipLobColumns;
    this.handleCollationDiff = handleCollationDiff;
  }

  Planned plan(TableDefinition source, Optional<TableDefinition> target,
      ComparisonSession sourceSession, ComparisonSession targetSession) {
    if (!source.hasPrimaryKey()) {
      return new Planned(null, ValidationState.NO_PRIMARY_KEY,
          "the source table has no primary key");
    }
    if (target.isEmpty()) {
      return new Planned(null, ValidationState.TABLE_ERROR, "the target table does not exist");
    }
    var pairs = new ArrayList<ColumnPair>();
    var missing = new ArrayList<String>();
    for (String keyName : source.primaryKey()) {
      Column key = source.column(keyName).orElseThrow();
      Optional<Column> other = match(target.get(), key.name());
      if (other.isEmpty()) {
        return new Planned(null, ValidationState.TABLE_ERROR,
            "key column " + keyName + " is missing on the target");
      }
      pairs.add(new ColumnPair(key, other.get()));
    }
    for (Column column : source.columns()) {
      if (source.primaryKey().contains(column.name())
          || (skipLobColumns && column.type().kind().isLob())) {
        continue;
      }
      match(target.get(), column.name()).ifPresentOrElse(
          other -> pairs.add(new ColumnPair(column, other)), () -> missing.add(column.name()));
    }
    List<ColumnPair> compared = handleCollationDiff
        ? folded(source, target.get(), pairs, sourceSession, targetSession) : pairs;
    String note = missing.isEmpty() ? "" : "; not on the target, not compared: " + missing;
    DigestText digest = digest(compared, sourceSession, targetSession);
    String method = digest != null
        ? "digest " + digest.name().toLowerCase(Locale.ROOT)
        : "rows (" + noCanonical(compared, sourceSession, targetSession) + ")";
    return new Planned(new TableComparison(source.id(), target.get().id(), compared,
        source.primaryKey().size(), digest, method + note), null, null);
  }

  /** The pairs with the text differences their collations ignore. */
  private static List<ColumnPair> folded(TableDefinition source, TableDefinition target,
      List<ColumnPair> pairs, ComparisonSession sourceSession, ComparisonSession targetSession) {
    List<TextCollation> sourceCollations =
        sourceSession.collations(source.id(), pairs.stream().map(ColumnPair::source).toList());
    List<TextCollation> targetCollations =
        targetSession.collations(target.id(), pairs.stream().map(ColumnPair::target).toList());
    var folded = new ArrayList<ColumnPair>(pairs.size());
    for (int i = 0; i < pairs.size(); i++) {
      ColumnPair pair = pairs.get(i);
      folded.add(new ColumnPair(pair.source(), pair.target(),
          TextFolding.between(sourceCollations.get(i), targetCollations.get(i))));
    }
    return folded;
  }

  private static DigestText digest(List<ColumnPair> pairs, ComparisonSession source,
      ComparisonSession target) {
    boolean sameTypes = pairs.stream().allMatch(
        p -> p.source().nativeType().equalsIgnoreCase(p.target().nativeType()));
    if (source.dialect().equals(target.dialect()) && sameTypes) {
      return DigestText.NATIVE;
    }
    return noCanonical(pairs, source, target) == null ? DigestText.CANONICAL : null;
  }

  /** Why no canonical digest is possible, or null when it is. */
  private static String noCanonical(List<ColumnPair> pairs, ComparisonSession source,
      ComparisonSession target) {
    for (ColumnPair pair : pairs) {
      if (!source.hasCanonicalText(pair.source())) {
        return "column " + pair.name() + " (" + pair.source().nativeType() + ") has no canonical"
            + " digest text on " + source.dialect();
      }
      if (!target.hasCanonicalText(pair.target())) {
        return "column " + pair.name() + " (" + pair.target().nativeType() + ") has no canonical"
            + " digest text on " + target.dialect();
      }
    }
    return null;
  }

  private static Optional<Column> match(TableDefinition table, String name) {
    return table.column(name).or(() -> table.columns().stream()
        .filter(c -> c.name().equalsIgnoreCase(name)).findFirst());
  }
}
