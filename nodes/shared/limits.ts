/**
 * WhatsApp's limits (Meta's Cloud API, which all three providers pass on), checked before anything is sent.
 * Lengths count Unicode code points, as WhatsApp does, not UTF-16 units.
 */
export const LIMITS = {
	textBody: { min: 1, max: 4096 },
	caption: { max: 1024 },
	interactiveBody: { min: 1, max: 1024 },
	headerText: { min: 1, max: 60 },
	footerText: { max: 60 },
	buttons: { min: 1, max: 3 },
	buttonTitle: { min: 1, max: 20 },
	buttonId: { min: 1, max: 256 },
	phoneDigits: { min: 8, max: 15 },
	kaleyraRef: { max: 255 },
} as const;

export function charCount(value: string): number {
	let count = 0;
	for (const _ of value) count++;
	return count;
}
