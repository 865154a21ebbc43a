/**
 * Change data capture: the change records a source streams ({@link ChangeEvent}), the capture a
 * source opens ({@link ChangeCapture}) and the applier a target opens ({@link ChangeApplier}).
 * Separate from snapshot reading ({@link io.opendms.spi.source}); the engine sequences the two.
 * Positions advance on the source only after the target committed them: a database target
 * ({@link ChangeTargetConnector}) stores the position in the same transaction as the data
 * (exactly once), a broker or object store ({@link DeliveryTargetConnector}) acknowledges the
 * writes and the engine then stores the position itself (at least once).
 */
package io.opendms.spi.change;
