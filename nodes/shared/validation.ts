import { charCount, LIMITS } from './limits';
import type { ButtonsHeader, Content, Message, Operation } from './message';
import { normalizePhone } from './phone';

/** One thing wrong with one item: the parameter it concerns and a sentence naming the value's problem and the limit. */
export interface Problem {
	field: string;
	text: string;
}

/** A reply button as the node's fixedCollection holds it: either value may be missing or not a string. */
export interface ReplyButtonInput {
	id?: unknown;
	title?: unknown;
}

/** The action nodes' parameters of one item, as read, before any checking. */
export interface RawMessageInput {
	operation: Operation;
	to: string;
	text?: string;
	previewUrl?: boolean;
	imageSource?: 'url' | 'mediaId';
	imageUrl?: string;
	mediaId?: string;
	caption?: string;
	bodyText?: string;
	buttons?: ReplyButtonInput[];
	headerType?: 'none' | 'text' | 'image' | 'video' | 'document';
	headerText?: string;
	headerMediaUrl?: string;
	footerText?: string;
}

export type BuildResult = { message: Message; problems?: undefined } | { message?: undefined; problems: Problem[] };

/** Checks every WhatsApp limit and returns the message, or every problem found (not just the first). */
export function buildMessage(input: RawMessageInput): BuildResult {
	const problems: Problem[] = [];
	const phone = normalizePhone(input.to ?? '');
	if (phone.problem) problems.push({ field: 'to', text: `recipient number ${phone.problem}` });
	const content = buildContent(input, problems);
	if (problems.length > 0 || !content || !phone.e164) return { problems };
	return { message: { to: phone.e164, content } };
}

function buildContent(input: RawMessageInput, problems: Problem[]): Content | undefined {
	switch (input.operation) {
		case 'sendText': {
			const body = input.text ?? '';
			checkLength(problems, 'text', 'text', body, LIMITS.textBody);
			return { kind: 'text', body, previewUrl: input.previewUrl === true };
		}
		case 'sendImage': {
			const caption = input.caption ?? '';
			checkLength(problems, 'caption', 'caption', caption, LIMITS.caption);
			const captionPart = caption === '' ? {} : { caption };
			if (input.imageSource === 'mediaId') {
				const mediaId = (input.mediaId ?? '').trim();
				if (mediaId === '') problems.push({ field: 'mediaId', text: 'media ID is empty' });
				return { kind: 'image', mediaId, ...captionPart };
			}
			const link = (input.imageUrl ?? '').trim();
			checkLink(problems, 'imageUrl', 'image URL', link);
			return { kind: 'image', link, ...captionPart };
		}
		case 'sendButtons':
			return buildButtons(input, problems);
		default:
			problems.push({
				field: 'operation',
				text: `operation "${String(input.operation)}" is not one of sendText, sendImage, sendButtons`,
			});
			return undefined;
	}
}

function buildButtons(input: RawMessageInput, problems: Problem[]): Content {
	const body = input.bodyText ?? '';
	checkLength(problems, 'bodyText', 'body text', body, LIMITS.interactiveBody);
	const buttons = (input.buttons ?? []).map((button) => ({
		id: String(button.id ?? ''),
		title: String(button.title ?? ''),
	}));
	const { min, max } = LIMITS.buttons;
	if (buttons.length < min || buttons.length > max) {
		problems.push({
			field: 'buttons',
			text: `has ${buttons.length} buttons; WhatsApp allows ${min} to ${max}`,
		});
	}
	buttons.forEach((button, index) => {
		const label = `button ${index + 1}`;
		checkLength(problems, 'buttons', `${label} title`, button.title, LIMITS.buttonTitle);
		checkLength(problems, 'buttons', `${label} ID`, button.id, LIMITS.buttonId);
		const sameTitle = buttons.findIndex((other) => other.title === button.title);
		if (button.title !== '' && sameTitle < index) {
			problems.push({
				field: 'buttons',
				text: `${label} title "${button.title}" repeats button ${sameTitle + 1}; WhatsApp needs unique titles`,
			});
		}
		const sameId = buttons.findIndex((other) => other.id === button.id);
		if (button.id !== '' && sameId < index) {
			problems.push({
				field: 'buttons',
				text: `${label} ID "${button.id}" repeats button ${sameId + 1}; WhatsApp needs unique IDs`,
			});
		}
	});
	const header = buildHeader(input, problems);
	const footer = input.footerText ?? '';
	checkLength(problems, 'footerText', 'footer text', footer, LIMITS.footerText);
	return {
		kind: 'buttons',
		body,
		buttons,
		...(header ? { header } : {}),
		...(footer === '' ? {} : { footer }),
	};
}

function buildHeader(input: RawMessageInput, problems: Problem[]): ButtonsHeader | undefined {
	const type = input.headerType ?? 'none';
	if (type === 'none') return undefined;
	if (type === 'text') {
		const text = input.headerText ?? '';
		checkLength(problems, 'headerText', 'header text', text, LIMITS.headerText);
		return { type, text };
	}
	if (type === 'image' || type === 'video' || type === 'document') {
		const link = (input.headerMediaUrl ?? '').trim();
		checkLink(problems, 'headerMediaUrl', `header ${type} URL`, link);
		return { type, link };
	}
	problems.push({
		field: 'headerType',
		text: `header type "${String(type)}" is not one of none, text, image, video, document`,
	});
	return undefined;
}

/** Adds a problem when a value's length is outside the limit; `min` absent means the value is optional. */
export function checkLength(
	problems: Problem[],
	field: string,
	label: string,
	value: string,
	limit: { min?: number; max: number },
): void {
	const length = charCount(value);
	if (limit.min !== undefined && length < limit.min) {
		problems.push({
			field,
			text:
				length === 0
					? `${label} is empty; WhatsApp needs ${limit.min} to ${limit.max} characters`
					: `${label} is ${length} characters; WhatsApp needs at least ${limit.min}`,
		});
	} else if (length > limit.max) {
		problems.push({
			field,
			text: `${label} is ${length} characters; WhatsApp allows at most ${limit.max}`,
		});
	}
}

function checkLink(problems: Problem[], field: string, label: string, link: string): void {
	if (link === '') {
		problems.push({ field, text: `${label} is empty; give an http or https URL` });
		return;
	}
	let protocol = '';
	try {
		protocol = new URL(link).protocol;
	} catch {
		protocol = '';
	}
	if (protocol !== 'http:' && protocol !== 'https:') {
		problems.push({ field, text: `${label} "${link}" is not an http or https URL` });
	}
}
