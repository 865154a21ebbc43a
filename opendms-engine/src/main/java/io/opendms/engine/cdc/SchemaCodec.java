package io.opendms.engine.cdc;

import io.opendms.spi.change.SchemaChange;
import io.opendms.spi.change.SchemaChange.ColumnChange;
import io.opendms.spi.table.Column;
import io.opendms.spi.type.DataType;
import io.opendms.spi.type.DmsType;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The spill form of a {@link SchemaChange}, for {@link ChangeCodec}. Stateless. */
final class SchemaCodec {
  private SchemaCodec() {}

  static void write(SchemaChange change, DataOutputStream out) throws IOException {
    ChangeCodec.writeTable(change.table(), out);
    out.writeByte(change.kind().ordinal());
    out.writeBoolean(change.statement().isPresent());
    if (change.statement().isPresent()) {
      text(change.statement().get(), out); // a statement may pass writeUTF's 64 KB
    }
    out.writeInt(change.columnChanges().size());
    for (ColumnChange column : change.columnChanges()) {
      out.writeByte(column.kind().ordinal());
      out.writeUTF(column.name());
      out.writeBoolean(column.column().isPresent());
      if (column.column().isPresent()) {
        writeColumn(column.column().get(), out);
      }
    }
    out.writeInt(change.columns().size());
    for (Column column : change.columns()) {
      writeColumn(column, out);
    }
  }

  static SchemaChange read(DataInputStream in) throws IOException {
    var table = ChangeCodec.readTable(in);
    SchemaChange.Kind kind = SchemaChange.Kind.values()[in.readByte()];
    Optional<String> statement = in.readBoolean() ? Optional.of(text(in)) : Optional.empty();
    int count = in.readInt();
    List<ColumnChange> changes = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      ColumnChange.Kind columnKind = ColumnChange.Kind.values()[in.readByte()];
      String name = in.readUTF();
      changes.add(new ColumnChange(columnKind, name,
          in.readBoolean() ? Optional.of(readColumn(in)) : Optional.empty()));
    }
    count = in.readInt();
    List<Column> columns = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      columns.add(readColumn(in));
    }
    return new SchemaChange(table, kind, changes, columns, statement);
  }

  private static void writeColumn(Column column, DataOutputStream out) throws IOException {
    out.writeUTF(column.name());
    out.writeByte(column.type().kind().ordinal());
    out.writeInt(column.type().length());
    out.writeInt(column.type().precision());
    out.writeInt(column.type().scale());
    out.writeBoolean(column.nullable());
    text(column.nativeType(), out);
    out.writeInt(column.enumLabels().size());
    for (String label : column.enumLabels()) {
      text(label, out);
    }
  }

  private static Column readColumn(DataInputStream in) throws IOException {
    String name = in.readUTF();
    DataType type = new DataType(DmsType.values()[in.readByte()], in.readInt(), in.readInt(), in.readInt());
    boolean nullable = in.readBoolean();
    String nativeType = text(in);
    int labels = in.readInt();
    List<String> enumLabels = new ArrayList<>(labels);
    for (int i = 0; i < labels; i++) {
      enumLabels.add(text(in));
    }
    return new Column(name, type, nullable, nativeType, enumLabels);
  }

  private static void text(String text, DataOutputStream out) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  private static String text(DataInputStream in) throws IOException {
    byte[] bytes = new byte[in.readInt()];
    in.readFully(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
