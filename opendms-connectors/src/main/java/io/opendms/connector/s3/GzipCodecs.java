package io.opendms.connector.s3;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Parquet page compression with the JDK's gzip: parquet-java's own codec factory reaches for
 * Hadoop's codec classes for GZIP, which this service does not ship. Uncompressed pages pass
 * through. Stateless; one per writer.
 */
final class GzipCodecs implements CompressionCodecFactory {

  @Override
  public BytesInputCompressor getCompressor(CompressionCodecName codec) {
    boolean gzip = switch (codec) {
      case GZIP -> true;
      case UNCOMPRESSED -> false;
      default -> throw new IllegalArgumentException("Parquet codec " + codec + " is not supported");
    };
    return new BytesInputCompressor() {
      @Override
      public BytesInput compress(BytesInput bytes) throws IOException {
        if (!gzip) {
          return bytes;
        }
        var out = new ByteArrayOutputStream((int) Math.max(64, bytes.size() / 3));
        try (var zip = new GZIPOutputStream(out, 1 << 16)) {
          bytes.writeAllTo(zip);
        }
        return BytesInput.from(out.toByteArray());
      }

      @Override
      public CompressionCodecName getCodecName() {
        return codec;
      }

      @Override
      public void release() {}
    };
  }

  @Override
  public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
    return new BytesInputDecompressor() {
      @Override
      public BytesInput decompress(BytesInput bytes, int uncompressedSize) throws IOException {
        if (codec == CompressionCodecName.UNCOMPRESSED) {
          return bytes;
        }
        try (var zip = new GZIPInputStream(bytes.toInputStream())) {
          return BytesInput.from(zip.readNBytes(uncompressedSize));
        }
      }

      @Override
      public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output,
          int uncompressedSize) {
        byte[] compressed = new byte[compressedSize];
        input.get(compressed);
        try {
          output.put(decompress(BytesInput.from(compressed), uncompressedSize).toByteArray());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }

      @Override
      public void release() {}
    };
  }

  @Override
  public void release() {}
}
