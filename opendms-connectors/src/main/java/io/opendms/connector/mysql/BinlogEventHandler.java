package io.opendms.connector.mysql;

import com.github.shyiko.mysql.binlog.event.DeleteRowsEventData;
import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventHeaderV4;
import com.github.shyiko.mysql.binlog.event.GtidEventData;
import com.github.shyiko.mysql.binlog.event.MariadbGtidEventData;
import com.github.shyiko.mysql.binlog.event.QueryEventData;
import com.github.shyiko.mysql.binlog.event.RotateEventData;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.UpdateRowsEventData;
import com.github.shyiko.mysql.binlog.event.WriteRowsEventData;
import io.opendms.spi.change.Begin;
import io.opendms.spi.change.ChangeConsumer;
import io.opendms.spi.change.Commit;
import io.opendms.spi.change.RowChange;
import io.opendms.spi.change.SchemaChange;
import io.opendms.spi.change.Truncate;
import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.position.BinlogPosition;
import io.opendms.spi.table.TableDefinition;
import io.opendms.spi.table.TableId;
import java.io.Serializable;
import java.nio.charset.Charset;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns binlog events into the engine's change events: a transaction that changed captured tables
 * becomes {@link Begin}, its row changes and {@link Commit} (at its XID, or the COMMIT statement of
 * non-transactional tables), positioned just after the commit event; a TRUNCATE of a captured
 * table becomes a transaction of its own, and so does a DDL on one ({@link BinlogSchemaChanges}). Transactions that touch no captured table are skipped, except that one empty
 * transaction is passed on every {@link #IDLE_COMMIT} so that the applied position follows a
 * server busy with other databases. Row images of other tables are not decoded. Confined to the
 * capture thread.
 */
final class BinlogEventHandler {

  static final Duration IDLE_COMMIT = Duration.ofSeconds(10);

  private final Map<TableId, TableDefinition> tables;
  private final Map<TableId, List<Charset>> charsets;
  private final BinlogSchemaChanges schemaChanges;
  private final ChangeConsumer consumer;
  private final Map<Long, BinlogRowDecoder> decoders = new HashMap<>();
  private String file;
  private String gtid = "";
  private boolean inTransaction;
  private boolean begun;
  private long xid;
  private Instant beginTime = Instant.EPOCH;
  private long lastPassedNanos = System.nanoTime();

  /**
   * @param tables the captured tables by name
   * @param charsets each captured table's column character sets (null for non-text columns)
   * @param file the binlog file streaming starts in
   * @param reader reads a table's columns again after a DDL
   */
  BinlogEventHandler(Map<TableId, TableDefinition> tables, Map<TableId, List<Charset>> charsets,
      String file, BinlogTableReader reader, ChangeConsumer consumer) {
    this.tables = new HashMap<>(tables);
    this.charsets = new HashMap<>(charsets);
    this.schemaChanges = new BinlogSchemaChanges(this.tables, this.charsets, reader);
    this.file = file;
    this.consumer = consumer;
  }

  /** The file the stream is in now. */
  String file() {
    return file;
  }

  void accept(Event event) {
    EventHeaderV4 header = event.getHeader();
    switch (header.getEventType()) {
      case ROTATE -> file = ((RotateEventData) event.getData()).getBinlogFilename();
      case GTID -> {
        gtid = ((GtidEventData) event.getData()).getGtid();
        startTransaction(header);
      }
      case MARIADB_GTID -> {
        MariadbGtidEventData data = event.getData();
        gtid = data.getDomainId() + "-" + data.getServerId() + "-" + data.getSequence();
        // a standalone event group (DDL) has no BEGIN: its QUERY is the whole transaction
        if ((data.getFlags() & MariadbGtidEventData.FL_STANDALONE) == 0) {
          startTransaction(header);
        }
      }
      case QUERY -> query(header, event.getData());
      case TABLE_MAP -> tableMap(header, event.getData());
      case WRITE_ROWS, EXT_WRITE_ROWS -> {
        WriteRowsEventData data = event.getData();
        BinlogRowDecoder decoder = decoders.get(data.getTableId());
        if (decoder != null) {
          for (Serializable[] row : data.getRows()) {
            emit(header, decoder, RowChange.Operation.INSERT, null, row);
          }
        }
      }
      case UPDATE_ROWS, EXT_UPDATE_ROWS -> {
        UpdateRowsEventData data = event.getData();
        BinlogRowDecoder decoder = decoders.get(data.getTableId());
        if (decoder != null) {
          for (Map.Entry<Serializable[], Serializable[]> row : data.getRows()) {
            emit(header, decoder, RowChange.Operation.UPDATE, row.getKey(), row.getValue());
          }
        }
      }
      case DELETE_ROWS, EXT_DELETE_ROWS -> {
        DeleteRowsEventData data = event.getData();
        BinlogRowDecoder decoder = decoders.get(data.getTableId());
        if (decoder != null) {
          for (Serializable[] row : data.getRows()) {
            emit(header, decoder, RowChange.Operation.DELETE, row, null);
          }
        }
      }
      case XID -> commit(header);
      case TRANSACTION_PAYLOAD -> throw new OpenDmsException(ErrorCode.UNSUPPORTED, "the source"
          + " compresses binlog transactions (binlog_transaction_compression=ON), which change"
          + " capture cannot read (neither can DMS): SET GLOBAL binlog_transaction_compression = OFF");
      default -> { } // format description, heartbeats, annotations, GTID lists: nothing to do
    }
  }

  private void startTransaction(EventHeaderV4 header) {
    inTransaction = true;
    begun = false;
    xid = header.getPosition();
    beginTime = Instant.ofEpochMilli(header.getTimestamp());
  }

  private void query(EventHeaderV4 header, QueryEventData data) {
    BinlogDdl.Meaning meaning = BinlogDdl.classify(data.getSql(), data.getDatabase(), tables.keySet());
    if (meaning instanceof BinlogDdl.Begin) {
      if (!inTransaction) {
        startTransaction(header);
      }
    } else if (meaning instanceof BinlogDdl.End) {
      commit(header);
    } else if (meaning instanceof BinlogDdl.Truncate truncate) {
      startTransaction(header);
      begin();
      consumer.accept(new Truncate(truncate.tables(), false));
      commit(header);
    } else if (meaning instanceof BinlogDdl.Affects affects) {
      List<SchemaChange> changes = schemaChanges.after(affects, data.getSql().strip(),
          file + ":" + header.getPosition());
      forgetDecoders(affects.tables());
      startTransaction(header);
      if (!changes.isEmpty()) {
        begin();
        changes.forEach(consumer::accept);
      }
      commit(header);
    } else if (!inTransaction) {
      // a statement of its own (DDL elsewhere): its end is a place to resume from
      commit(header);
    }
  }

  private void tableMap(EventHeaderV4 header, TableMapEventData data) {
    TableId id = new TableId(data.getDatabase(), data.getTable());
    TableDefinition table = tables.get(id);
    BinlogRowDecoder known = decoders.get(data.getTableId());
    if (table == null) {
      decoders.remove(data.getTableId());
    } else if (known == null || !known.table().id().equals(id)) {
      BinlogRowDecoder decoder;
      try {
        decoder = new BinlogRowDecoder(table, data.getColumnTypes(), charsets.get(id));
      } catch (IllegalArgumentException e) {
        // the table changed before this stream's start (a restart after its DDL): read it again
        SchemaChange change = schemaChanges.reread(id, file + ":" + header.getPosition())
            .orElseThrow(() -> new OpenDmsException(ErrorCode.UNSUPPORTED, e.getMessage(), e));
        if (!inTransaction) {
          startTransaction(header);
        }
        begin();
        consumer.accept(change);
        decoder = decoderOf(id, data.getColumnTypes());
      }
      decoders.put(data.getTableId(), decoder);
    }
  }

  private BinlogRowDecoder decoderOf(TableId id, byte[] types) {
    try {
      return new BinlogRowDecoder(tables.get(id), types, charsets.get(id));
    } catch (IllegalArgumentException e) {
      throw new OpenDmsException(ErrorCode.UNSUPPORTED, e.getMessage(), e);
    }
  }

  /** The decoders describe the old columns; the next table map builds new ones. */
  private void forgetDecoders(List<TableId> changed) {
    decoders.values().removeIf(d -> changed.contains(d.table().id()));
  }

  private void emit(EventHeaderV4 header, BinlogRowDecoder decoder, RowChange.Operation operation,
      Serializable[] before, Serializable[] after) {
    Object[] oldRow;
    Object[] newRow;
    try {
      oldRow = before == null ? null : decoder.decode(before);
      newRow = after == null ? null : decoder.decode(after);
    } catch (IllegalArgumentException e) {
      throw new OpenDmsException(ErrorCode.SOURCE_READ_FAILED, "cannot decode a change at binlog"
          + " position " + file + ":" + header.getPosition() + ": " + e.getMessage(), e);
    }
    if (!inTransaction) {
      startTransaction(header);
    }
    begin();
    consumer.accept(RowChange.of(decoder.table().id(), operation, oldRow, newRow, List.of()));
  }

  private void begin() {
    if (!begun) {
      begun = true;
      consumer.accept(new Begin(xid, beginTime));
    }
  }

  private void commit(EventHeaderV4 header) {
    Instant time = Instant.ofEpochMilli(header.getTimestamp());
    BinlogPosition position = new BinlogPosition(file, header.getNextPosition(), gtid);
    boolean idle = System.nanoTime() - lastPassedNanos >= IDLE_COMMIT.toNanos();
    if (begun || idle) {
      if (!begun) {
        consumer.accept(new Begin(xid, time));
      }
      consumer.accept(new Commit(xid, position, time));
      lastPassedNanos = System.nanoTime();
    }
    inTransaction = false;
    begun = false;
  }
}
