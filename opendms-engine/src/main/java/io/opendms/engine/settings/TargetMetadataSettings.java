package io.opendms.engine.settings;

import static io.opendms.engine.settings.JsonValueTypes.bool;
import static io.opendms.engine.settings.JsonValueTypes.integer;
import static io.opendms.engine.settings.JsonValueTypes.nonNegative;
import static io.opendms.engine.settings.JsonValueTypes.text;

import io.opendms.spi.settings.Setting;
import io.opendms.spi.settings.SettingGroup;
import io.opendms.spi.settings.SettingValues;
import java.util.List;
import java.util.Objects;

/**
 * DMS's {@code TargetMetadata} section: target schema, LOB handling, apply mode and per-table
 * load/apply parallelism. The constants are the section's declarations; the record is the typed
 * view the engine reads. Sizes are in KB as DMS gives them.
 */
public record TargetMetadataSettings(
    String targetSchema,
    boolean supportLobs,
    boolean fullLobMode,
    int lobChunkSizeKb,
    boolean limitedSizeLobMode,
    int lobMaxSizeKb,
    int inlineLobMaxSizeKb,
    int loadMaxFileSizeKb,
    int parallelLoadThreads,
    int parallelLoadBufferSize,
    int parallelLoadQueuesPerThread,
    int parallelApplyThreads,
    int parallelApplyBufferSize,
    int parallelApplyQueuesPerThread,
    boolean batchApplyEnabled,
    boolean taskRecoveryTableEnabled) {

  public static final Setting<String> TARGET_SCHEMA =
      Setting.of("TargetSchema", text(), "",
          "Schema of the target tables; empty means the source table's schema.");
  public static final Setting<Boolean> SUPPORT_LOBS =
      Setting.of("SupportLobs", bool(), true,
          "Whether LOB columns are migrated; when false they are left out of the target.");
  public static final Setting<Boolean> FULL_LOB_MODE =
      Setting.of("FullLobMode", bool(), false,
          "Migrate LOBs whole, whatever their size; during the full load, values longer than"
              + " InlineLobMaxSize and one chunk are read after their row in chunks of"
              + " LobChunkSize. Wins over LimitedSizeLobMode.");
  public static final Setting<Integer> LOB_CHUNK_SIZE =
      Setting.of("LobChunkSize", integer(1, Integer.MAX_VALUE), 64,
          "Chunk size in KB for full LOB mode; more than 64 can exceed packet limits.");
  public static final Setting<Boolean> LIMITED_SIZE_LOB_MODE =
      Setting.of("LimitedSizeLobMode", bool(), true,
          "Migrate LOBs inline, truncated at LobMaxSize.");
  public static final Setting<Integer> LOB_MAX_SIZE =
      Setting.of("LobMaxSize", nonNegative(), 32,
          "Largest LOB in KB in limited-size LOB mode; longer values are truncated (0: none).");
  public static final Setting<Integer> INLINE_LOB_MAX_SIZE =
      Setting.of("InlineLobMaxSize", integer(0, 102400), 0,
          "In full LOB mode, LOBs up to this many KB travel inside their rows during the full"
              + " load, longer ones by lookup; 0 = only those that fit in one chunk.");
  public static final Setting<Integer> LOAD_MAX_FILE_SIZE =
      Setting.of("LoadMaxFileSize", integer(0, 100000), 0,
          "Size in KB of the CSV files DMS stages for file-loading targets; 0 = the target's own"
              + " setting. Accepted and kept; OpenDMS does not use it: no OpenDMS target stages"
              + " files (MySQL loads with LOAD DATA LOCAL from memory in 8 MB chunks, PostgreSQL"
              + " with COPY).");
  public static final Setting<Integer> PARALLEL_LOAD_THREADS =
      Setting.of("ParallelLoadThreads", integer(0, 200), 0,
          "Into how many key ranges (at most MaxFullLoadSubTasks) each table's full load is"
              + " split, each read and written by its own connections, whatever the target (DMS"
              + " uses it for DynamoDB, Kinesis, Kafka, OpenSearch and Redshift only); 0 = half"
              + " this machine's processors.");
  public static final Setting<Integer> PARALLEL_LOAD_BUFFER_SIZE =
      Setting.of("ParallelLoadBufferSize", integer(0, 1000), 0,
          "Rows a full-load partition sends to a streaming target in one request: OpenSearch"
              + " _bulk documents (0: 5,000), Kinesis PutRecords records (0: 500, also the most),"
              + " DynamoDB BatchWriteItem items (0: 25, also the most). Kafka (whose producer"
              + " groups messages by bytes), Redis (pipelined), S3 and database targets ignore it."
              + " DMS: records per buffer of the parallel load threads, default 50.");
  public static final Setting<Integer> PARALLEL_LOAD_QUEUES_PER_THREAD =
      Setting.of("ParallelLoadQueuesPerThread", integer(0, 512), 1,
          "Queues per parallel load thread for Kinesis and Kafka targets. Accepted and kept;"
              + " OpenDMS does not use it: a full-load partition is read, converted and sent by one"
              + " thread with no queue in between (ParallelLoadBufferSize sizes its requests).");
  public static final Setting<Integer> PARALLEL_APPLY_THREADS =
      Setting.of("ParallelApplyThreads", integer(0, 32), 0,
          "Threads delivering CDC changes to Kafka, Kinesis, OpenSearch, DynamoDB or Redis, each"
              + " on a connection of its own: every change of one row goes to the same thread, in"
              + " source order; truncations and DDL wait until all threads flushed, key updates"
              + " until the old key's thread did; the position is stored only once every"
              + " thread's changes are acknowledged. 0 = the task's one apply thread delivers"
              + " everything; S3 and database targets ignore it and apply in source commit order.");
  public static final Setting<Integer> PARALLEL_APPLY_BUFFER_SIZE =
      Setting.of("ParallelApplyBufferSize", integer(0, 1000), 100,
          "Changes gathered for one parallel apply thread before they are handed to it together"
              + " (0 = 100); a commit hands over what is gathered.");
  public static final Setting<Integer> PARALLEL_APPLY_QUEUES_PER_THREAD =
      Setting.of("ParallelApplyQueuesPerThread", integer(0, 512), 1,
          "How many buffers of ParallelApplyBufferSize changes may wait for one parallel apply"
              + " thread (0 = 1); when they are all waiting, the task's apply thread waits too.");
  public static final Setting<Boolean> BATCH_APPLY_ENABLED =
      Setting.of("BatchApplyEnabled", bool(), false,
          "Apply CDC changes in batches of net changes per key instead of transaction by"
              + " transaction.");
  public static final Setting<Boolean> TASK_RECOVERY_TABLE_ENABLED =
      Setting.of("TaskRecoveryTableEnabled", bool(), false,
          "Also write checkpoints to the target table awsdms_txn_state. Accepted and kept; OpenDMS"
              + " does not use it: checkpoints are kept in the task's own state only; no"
              + " awsdms_txn_state table is written.");

  /** The section as declared, in the order DMS writes it. */
  public static final SettingGroup GROUP =
      new SettingGroup(
          "TargetMetadata",
          List.of(
              TARGET_SCHEMA, SUPPORT_LOBS, FULL_LOB_MODE, LOB_CHUNK_SIZE, LIMITED_SIZE_LOB_MODE,
              LOB_MAX_SIZE, INLINE_LOB_MAX_SIZE, LOAD_MAX_FILE_SIZE, PARALLEL_LOAD_THREADS,
              PARALLEL_LOAD_BUFFER_SIZE, PARALLEL_LOAD_QUEUES_PER_THREAD, PARALLEL_APPLY_THREADS,
              PARALLEL_APPLY_BUFFER_SIZE, PARALLEL_APPLY_QUEUES_PER_THREAD, BATCH_APPLY_ENABLED,
              TASK_RECOVERY_TABLE_ENABLED));

  public TargetMetadataSettings {
    Objects.requireNonNull(targetSchema, "targetSchema");
    if (lobChunkSizeKb < 1 || lobMaxSizeKb < 0 || inlineLobMaxSizeKb < 0) {
      throw new IllegalArgumentException(
          "LOB sizes must not be negative and the chunk size must be positive");
    }
  }

  static TargetMetadataSettings from(SettingValues values) {
    return new TargetMetadataSettings(
        values.get(TARGET_SCHEMA),
        values.get(SUPPORT_LOBS),
        values.get(FULL_LOB_MODE),
        values.get(LOB_CHUNK_SIZE),
        values.get(LIMITED_SIZE_LOB_MODE),
        values.get(LOB_MAX_SIZE),
        values.get(INLINE_LOB_MAX_SIZE),
        values.get(LOAD_MAX_FILE_SIZE),
        values.get(PARALLEL_LOAD_THREADS),
        values.get(PARALLEL_LOAD_BUFFER_SIZE),
        values.get(PARALLEL_LOAD_QUEUES_PER_THREAD),
        values.get(PARALLEL_APPLY_THREADS),
        values.get(PARALLEL_APPLY_BUFFER_SIZE),
        values.get(PARALLEL_APPLY_QUEUES_PER_THREAD),
        values.get(BATCH_APPLY_ENABLED),
        values.get(TASK_RECOVERY_TABLE_ENABLED));
  }
}
