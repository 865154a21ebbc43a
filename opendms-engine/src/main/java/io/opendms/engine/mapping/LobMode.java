package io.opendms.engine.mapping;

import io.opendms.engine.mapping.TableSettingsRule.LobSettings;
import io.opendms.engine.settings.TargetMetadataSettings;

/**
 * How a table's LOB columns (CLOB, NCLOB, BLOB) travel, from the task's {@code TargetMetadata}
 * and the table's {@code lob-settings}. Immutable.
 *
 * @param kind left out, cut at {@code maxBytes} (limited) or whole (full)
 * @param maxBytes limited mode: the longest value kept, in bytes; 0 keeps every value whole
 * @param inlineBytes full mode: values up to this many bytes travel inside the row; longer ones
 *     are read by a lookup in {@code chunkBytes} pieces (0: every value by lookup)
 * @param chunkBytes full mode: the piece size of a lookup
 * @param ruleId the table-settings rule whose {@code lob-settings} decided, 0 for the task's own
 *     settings
 */
public record LobMode(Kind kind, long maxBytes, long inlineBytes, int chunkBytes, long ruleId) {

  /** DMS's three LOB modes. */
  public enum Kind {
    /** {@code SupportLobs: false}: LOB columns are left out of the target. */
    NONE,
    /** {@code LimitedSizeLobMode}: values cut at {@code LobMaxSize}. */
    LIMITED,
    /** {@code FullLobMode}: values whole, whatever their size. */
    FULL
  }

  /**
   * Every value whole and inside its row: what planning without task settings assumes
   * (validation, assessment).
   */
  public static final LobMode WHOLE = new LobMode(Kind.FULL, 0, Long.MAX_VALUE, 64 * 1024, 0);

  public LobMode {
    if (maxBytes < 0 || inlineBytes < 0 || chunkBytes < 1) {
      throw new IllegalArgumentException("LOB sizes must not be negative, chunks not empty");
    }
  }

  /**
   * The task-level mode as DMS reads {@code TargetMetadata}: {@code SupportLobs: false} leaves
   * LOBs out; else {@code FullLobMode} wins over {@code LimitedSizeLobMode}; with neither set
   * LOBs travel whole. {@code InlineLobMaxSize} only matters in full mode.
   */
  public static LobMode of(TargetMetadataSettings settings) {
    int chunk = settings.lobChunkSizeKb() * 1024;
    if (!settings.supportLobs()) {
      return new LobMode(Kind.NONE, 0, 0, chunk, 0);
    }
    if (!settings.fullLobMode() && settings.limitedSizeLobMode()) {
      return new LobMode(Kind.LIMITED, settings.lobMaxSizeKb() * 1024L, 0, chunk, 0);
    }
    return new LobMode(Kind.FULL, 0, settings.inlineLobMaxSizeKb() * 1024L, chunk, 0);
  }

  /**
   * The mode of a table whose table-settings rule {@code ruleId} gives {@code lob-settings}, as
   * DMS overrides the task: {@code limited} cuts at {@code bulk-max-size}; {@code unlimited}
   * takes values whole, inline up to {@code bulk-max-size} (0: all by lookup); {@code none}
   * keeps the task's mode. A task without LOB support keeps LOBs out whatever the table says.
   */
  public LobMode forTable(LobSettings table, long ruleId) {
    if (table == null || kind == Kind.NONE) {
      return this;
    }
    return switch (table.mode()) {
      case LIMITED -> new LobMode(Kind.LIMITED, table.bulkMaxSizeKb() * 1024, 0, chunkBytes, ruleId);
      case UNLIMITED -> new LobMode(Kind.FULL, 0, table.bulkMaxSizeKb() * 1024, chunkBytes, ruleId);
      case NONE -> this;
    };
  }

  /** Whether values longer than {@link #maxBytes} are cut. */
  public boolean truncates() {
    return kind == Kind.LIMITED && maxBytes > 0;
  }

  /**
   * Full LOB mode: values longer than this are read by lookup. A value that fits in one piece
   * is read inline whatever {@code InlineLobMaxSize} says, as a lookup would hold as much.
   */
  public long lookupAboveBytes() {
    return Math.max(inlineBytes, chunkBytes);
  }

  /** Whether long values may be read after their rows (full LOB mode but {@link #WHOLE}). */
  public boolean readsByLookup() {
    return kind == Kind.FULL && inlineBytes != Long.MAX_VALUE;
  }

  /** Where the mode comes from, for log lines. */
  public String origin() {
    return ruleId == 0 ? "task setting TargetMetadata" : "lob-settings of rule-id " + ruleId;
  }
}
