// Types for the sandbox's WhatsApp template catalogue (templates.js), in Meta's template shape.

export interface TemplateButton {
	type: 'QUICK_REPLY' | 'URL' | 'PHONE_NUMBER' | 'COPY_CODE';
	text?: string;
	url?: string;
	phone_number?: string;
	example?: string[];
}

export type TemplateComponent =
	| { type: 'HEADER'; format: 'TEXT' | 'IMAGE' | 'VIDEO' | 'DOCUMENT'; text?: string; example?: Record<string, unknown> }
	| { type: 'BODY'; text: string; example?: Record<string, unknown> }
	| { type: 'FOOTER'; text: string }
	| { type: 'BUTTONS'; buttons: TemplateButton[] };

export interface WhatsAppTemplate {
	id: string;
	name: string;
	language: string;
	status: 'APPROVED' | 'PENDING' | 'REJECTED' | 'PAUSED' | 'DISABLED' | 'IN_APPEAL' | 'PENDING_DELETION' | 'DELETED' | 'LIMIT_EXCEEDED';
	category: 'MARKETING' | 'UTILITY' | 'AUTHENTICATION';
	parameter_format: 'POSITIONAL' | 'NAMED';
	components: TemplateComponent[];
	rejected_reason?: string;
}

/** A WhatsApp error as Meta reports it; httpStatus is the status of a synchronous refusal. */
export interface MetaError {
	code: number;
	title: string;
	message: string;
	details: string;
	httpStatus: number;
}

export const DEFAULT_TEMPLATES: readonly WhatsAppTemplate[];
export function checkTemplateSend(catalogue: { list(): WhatsAppTemplate[] }, template: object): MetaError | null;
export function placeholders(text: string): string[];
