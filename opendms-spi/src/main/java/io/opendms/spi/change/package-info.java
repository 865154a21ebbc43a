/**
 * Change data capture: the change records a source streams ({@link ChangeEvent}), the capture a
 * source opens ({@link ChangeCapture}) and the applier a target opens ({@link ChangeApplier}).
 * Separate from snapshot reading ({@link io.opendms.spi.source}); the engine sequences the two.
 * Positions advance on the source only after the target committed them.
 */
package io.opendms.spi.change;
