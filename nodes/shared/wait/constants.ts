/** Names Send and Wait shares between the action nodes and the WhatsApp BSP Trigger. */

/** Starts every signed reference (a button or row ID), so that the trigger tells a Send and Wait tap from any other. */
export const REFERENCE_PREFIX = 'n8nw1';

/** The choice IDs of an approval question, as the output's `choice.id` gives them. */
export const APPROVAL_CHOICES = { approve: 'approve', disapprove: 'disapprove' } as const;

/** The key of the waiting node's own output (its record of the question) while the execution waits. */
export const WAIT_RECORD_KEY = 'sendAndWait';
