package io.opendms.spi.target;

import io.opendms.spi.data.ByteSink;

/** A {@link BulkLoad} fed with a native format's bytes, undecoded. */
public interface NativeLoad extends BulkLoad, ByteSink {}
