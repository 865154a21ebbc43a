package io.opendms.engine.delivery;

import io.opendms.engine.settings.TargetMetadataSettings;

/**
 * DMS's {@code ParallelApply*} task settings as {@link ParallelDelivery} uses them.
 *
 * @param threads {@code ParallelApplyThreads}: deliveries running at once; 0 = no parallel apply
 * @param bufferSize {@code ParallelApplyBufferSize}: changes the apply thread gathers for one
 *     thread before handing them over together
 * @param queuesPerThread {@code ParallelApplyQueuesPerThread}: how many such buffers may wait for
 *     one thread before the apply thread blocks
 */
public record ParallelApply(int threads, int bufferSize, int queuesPerThread) {
  /** DMS's default ParallelApplyBufferSize, also used for 0. */
  public static final int DEFAULT_BUFFER_SIZE = 100;

  public static final ParallelApply NONE = new ParallelApply(0, DEFAULT_BUFFER_SIZE, 1);

  public ParallelApply {
    if (threads < 0 || bufferSize < 1 || queuesPerThread < 1) {
      throw new IllegalArgumentException("parallel apply: threads " + threads + ", buffer size "
          + bufferSize + ", queues per thread " + queuesPerThread);
    }
  }

  /** The task's settings; a buffer size of 0 means DMS's default, 0 queues one. */
  public static ParallelApply of(TargetMetadataSettings settings) {
    return new ParallelApply(settings.parallelApplyThreads(),
        settings.parallelApplyBufferSize() == 0 ? DEFAULT_BUFFER_SIZE
            : settings.parallelApplyBufferSize(),
        Math.max(1, settings.parallelApplyQueuesPerThread()));
  }

  public boolean enabled() {
    return threads > 0;
  }
}
