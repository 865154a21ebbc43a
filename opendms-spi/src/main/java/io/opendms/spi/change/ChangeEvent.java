package io.opendms.spi.change;

/**
 * One element of a source's change stream, in source commit order: every transaction arrives as a
 * {@link Begin}, its {@link DataChange}s, then its {@link Commit}. Only committed transactions are
 * streamed; transactions never interleave.
 */
public sealed interface ChangeEvent permits Begin, Commit, DataChange {}
