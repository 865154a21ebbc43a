/**
 * Change data capture in the engine: the bounded change buffer that spills to disk, the apply
 * loop that groups source transactions into target commits, checkpoints and metrics.
 */
package io.opendms.engine.cdc;
