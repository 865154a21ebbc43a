package io.opendms.engine.cdc;

import io.opendms.spi.change.Begin;
import io.opendms.spi.change.ChangeEvent;
import io.opendms.spi.change.Commit;
import io.opendms.spi.change.RowChange;
import io.opendms.spi.change.SchemaChange;
import io.opendms.spi.change.Truncate;
import io.opendms.spi.position.BinlogPosition;
import io.opendms.spi.position.PgLsn;
import io.opendms.spi.position.SourcePosition;
import io.opendms.spi.table.TableId;
import io.opendms.spi.type.NonFiniteNumber;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Writes change events and their canonical values in a compact tagged binary form for the spill
 * files, and reads them back to equal events. Stateless.
 */
final class ChangeCodec {
  private ChangeCodec() {}

  static void write(ChangeEvent event, DataOutputStream out) throws IOException {
    if (event instanceof Begin begin) {
      out.writeByte('B');
      out.writeLong(begin.xid());
      writeInstant(begin.commitTime(), out);
    } else if (event instanceof Commit commit) {
      out.writeByte('C');
      out.writeLong(commit.xid());
      writePosition(commit.position(), out);
      writeInstant(commit.commitTime(), out);
    } else if (event instanceof Truncate truncate) {
      out.writeByte('T');
      out.writeBoolean(truncate.restartIdentity());
      out.writeInt(truncate.tables().size());
      for (TableId table : truncate.tables()) {
        writeTable(table, out);
      }
    } else if (event instanceof SchemaChange ddl) {
      out.writeByte('S');
      SchemaCodec.write(ddl, out);
    } else {
      RowChange row = (RowChange) event;
      out.writeByte('R');
      writeTable(row.table(), out);
      out.writeByte(row.operation().ordinal());
      writeRow(row.before(), out);
      writeRow(row.after(), out);
      out.writeInt(row.unchanged().size());
      for (int column : row.unchanged()) {
        out.writeInt(column);
      }
    }
  }

  static ChangeEvent read(DataInputStream in) throws IOException {
    int tag = in.readByte();
    return switch (tag) {
      case 'B' -> new Begin(in.readLong(), readInstant(in));
      case 'C' -> new Commit(in.readLong(), readPosition(in), readInstant(in));
      case 'T' -> {
        boolean restart = in.readBoolean();
        int count = in.readInt();
        List<TableId> tables = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
          tables.add(readTable(in));
        }
        yield new Truncate(tables, restart);
      }
      case 'R' -> {
        TableId table = readTable(in);
        RowChange.Operation operation = RowChange.Operation.values()[in.readByte()];
        Object[] before = readRow(in);
        Object[] after = readRow(in);
        int count = in.readInt();
        List<Integer> unchanged = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
          unchanged.add(in.readInt());
        }
        yield RowChange.of(table, operation, before, after, unchanged);
      }
      case 'S' -> SchemaCodec.read(in);
      default -> throw new IOException("unknown change record tag " + tag);
    };
  }

  /** A commit's position, of whichever source the task captures from (a tag, then its fields). */
  private static void writePosition(SourcePosition position, DataOutputStream out) throws IOException {
    if (position instanceof BinlogPosition binlog) {
      out.writeByte('M');
      out.writeUTF(binlog.file());
      out.writeLong(binlog.offset());
      out.writeUTF(binlog.gtid());
    } else {
      out.writeByte('L');
      out.writeLong(((PgLsn) position).value());
    }
  }

  private static SourcePosition readPosition(DataInputStream in) throws IOException {
    int tag = in.readByte();
    return switch (tag) {
      case 'L' -> new PgLsn(in.readLong());
      case 'M' -> new BinlogPosition(in.readUTF(), in.readLong(), in.readUTF());
      default -> throw new IOException("unknown position tag " + tag);
    };
  }

  static void writeTable(TableId table, DataOutputStream out) throws IOException {
    out.writeUTF(table.schema());
    out.writeUTF(table.name());
  }

  static TableId readTable(DataInputStream in) throws IOException {
    return new TableId(in.readUTF(), in.readUTF());
  }

  private static void writeRow(List<Object> row, DataOutputStream out) throws IOException {
    if (row == null) {
      out.writeInt(-1);
      return;
    }
    out.writeInt(row.size());
    for (Object value : row) {
      ValueCodec.write(value, out);
    }
  }

  private static Object[] readRow(DataInputStream in) throws IOException {
    int size = in.readInt();
    if (size < 0) {
      return null;
    }
    Object[] row = new Object[size];
    for (int i = 0; i < size; i++) {
      row[i] = ValueCodec.read(in);
    }
    return row;
  }

  private static void writeInstant(Instant instant, DataOutputStream out) throws IOException {
    out.writeLong(instant.getEpochSecond());
    out.writeInt(instant.getNano());
  }

  private static Instant readInstant(DataInputStream in) throws IOException {
    return Instant.ofEpochSecond(in.readLong(), in.readInt());
  }

  /** One canonical value: a tag byte, then its content. */
  static final class ValueCodec {
    private ValueCodec() {}

    static void write(Object value, DataOutputStream out) throws IOException {
      if (value == null) {
        out.writeByte(0);
      } else if (value instanceof Boolean b) {
        out.writeByte(1);
        out.writeBoolean(b);
      } else if (value instanceof Short v) {
        out.writeByte(2);
        out.writeShort(v);
      } else if (value instanceof Integer v) {
        out.writeByte(3);
        out.writeInt(v);
      } else if (value instanceof Long v) {
        out.writeByte(4);
        out.writeLong(v);
      } else if (value instanceof BigInteger v) {
        out.writeByte(5);
        bytes(v.toByteArray(), out);
      } else if (value instanceof BigDecimal v) {
        out.writeByte(6);
        out.writeInt(v.scale());
        bytes(v.unscaledValue().toByteArray(), out);
      } else if (value instanceof NonFiniteNumber v) {
        out.writeByte(7);
        out.writeByte(v.ordinal());
      } else if (value instanceof Float v) {
        out.writeByte(8);
        out.writeFloat(v);
      } else if (value instanceof Double v) {
        out.writeByte(9);
        out.writeDouble(v);
      } else if (value instanceof String v) {
        out.writeByte(10);
        bytes(v.getBytes(StandardCharsets.UTF_8), out);
      } else if (value instanceof byte[] v) {
        out.writeByte(11);
        bytes(v, out);
      } else {
        writeTemporal(value, out);
      }
    }

    private static void writeTemporal(Object value, DataOutputStream out) throws IOException {
      if (value instanceof LocalDate v) {
        out.writeByte(12);
        out.writeLong(v.toEpochDay());
      } else if (value instanceof LocalTime v) {
        out.writeByte(13);
        out.writeLong(v.toNanoOfDay());
      } else if (value instanceof OffsetTime v) {
        out.writeByte(14);
        out.writeLong(v.toLocalTime().toNanoOfDay());
        out.writeInt(v.getOffset().getTotalSeconds());
      } else if (value instanceof LocalDateTime v) {
        out.writeByte(15);
        writeInstant(v.toInstant(ZoneOffset.UTC), out);
      } else if (value instanceof Instant v) {
        out.writeByte(16);
        writeInstant(v, out);
      } else if (value instanceof UUID v) {
        out.writeByte(17);
        out.writeLong(v.getMostSignificantBits());
        out.writeLong(v.getLeastSignificantBits());
      } else {
        throw new IOException("no spill form for a value of " + value.getClass().getName());
      }
    }

    static Object read(DataInputStream in) throws IOException {
      int tag = in.readByte();
      return switch (tag) {
        case 0 -> null;
        case 1 -> in.readBoolean();
        case 2 -> in.readShort();
        case 3 -> in.readInt();
        case 4 -> in.readLong();
        case 5 -> new BigInteger(bytes(in));
        case 6 -> {
          int scale = in.readInt();
          yield new BigDecimal(new BigInteger(bytes(in)), scale);
        }
        case 7 -> NonFiniteNumber.values()[in.readByte()];
        case 8 -> in.readFloat();
        case 9 -> in.readDouble();
        case 10 -> new String(bytes(in), StandardCharsets.UTF_8);
        case 11 -> bytes(in);
        case 12 -> LocalDate.ofEpochDay(in.readLong());
        case 13 -> LocalTime.ofNanoOfDay(in.readLong());
        case 14 -> OffsetTime.of(
            LocalTime.ofNanoOfDay(in.readLong()), ZoneOffset.ofTotalSeconds(in.readInt()));
        case 15 -> LocalDateTime.ofInstant(readInstant(in), ZoneOffset.UTC);
        case 16 -> readInstant(in);
        case 17 -> new UUID(in.readLong(), in.readLong());
        default -> throw new IOException("unknown value tag " + tag);
      };
    }

    private static void bytes(byte[] bytes, DataOutputStream out) throws IOException {
      out.writeInt(bytes.length);
      out.write(bytes);
    }

    private static byte[] bytes(DataInputStream in) throws IOException {
      byte[] bytes = new byte[in.readInt()];
      in.readFully(bytes);
      return bytes;
    }
  }
}
