package io.opendms.server.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The replication instance's own metrics: DMS's CPUUtilization and FreeStorageSpace (of the data
 * directory, which holds the change cache and task logs), ChangeCacheDiskUsage (bytes of spilled
 * change-cache segments: what DMS's swap files are), and Micrometer's JVM heap, thread and CPU
 * gauges.
 */
final class InstanceGauges {
  private final Path dataDir;
  private volatile double changeCacheBytes;

  InstanceGauges(MeterRegistry registry, Path dataDir) {
    this.dataDir = dataDir;
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    Gauge.builder("CPUUtilization", InstanceGauges::processCpuPercent)
        .description("CPU used by this server process, percent of all cores").register(registry);
    Gauge.builder("FreeStorageSpace", this, InstanceGauges::freeStorageBytes)
        .description("Bytes available to the server on the file system of its data directory (bytes)")
        .register(registry);
    Gauge.builder("ChangeCacheDiskUsage", this, g -> g.changeCacheBytes)
        .description("Bytes of change-cache segments spilled to disk by all tasks (bytes)")
        .register(registry);
  }

  /** Measures the spill directories again (the sampling thread, not the scrape, walks them). */
  void refresh() {
    Path tasks = dataDir.resolve("tasks");
    if (!Files.isDirectory(tasks)) {
      changeCacheBytes = 0;
      return;
    }
    try (Stream<Path> files = Files.walk(tasks, 3)) {
      changeCacheBytes = files
          .filter(p -> p.getParent() != null && p.getParent().getFileName().toString().equals("spill"))
          .mapToLong(InstanceGauges::sizeOrZero).sum();
    } catch (IOException | UncheckedIOException e) {
      // a task deleted its segments while walking: the next refresh counts again
    }
  }

  private static long sizeOrZero(Path file) {
    try {
      return Files.isRegularFile(file) ? Files.size(file) : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  private double freeStorageBytes() {
    try {
      return Files.getFileStore(dataDir).getUsableSpace();
    } catch (IOException e) {
      return Double.NaN;
    }
  }

  private static double processCpuPercent() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      double load = os.getProcessCpuLoad();
      return load < 0 ? Double.NaN : load * 100;
    }
    return Double.NaN;
  }
}
