import { checkLength, WHATSAPP_LIMITS, type Problem } from '../checks';
import { bodyTextProperty, interactiveFrameProperties, readInteractiveFrame } from './header';
import type { ItemParameters, OperationModule } from './types';

/** A reply button as the node's fixedCollection holds it: either value may be missing or not a string. */
interface ButtonInput {
	id?: unknown;
	title?: unknown;
}

export function readButtons(parameters: ItemParameters, problems: Problem[]): Array<{ id: string; title: string }> {
	const buttons = parameters.value<ButtonInput[]>('buttons.button', []).map((button) => ({
		id: String(button.id ?? ''),
		title: String(button.title ?? ''),
	}));
	const { min, max } = WHATSAPP_LIMITS.buttons;
	if (buttons.length < min || buttons.length > max) {
		problems.push({ field: 'buttons', text: `has ${buttons.length} buttons; WhatsApp allows ${min} to ${max}` });
	}
	buttons.forEach((button, index) => {
		const label = `button ${index + 1}`;
		checkLength(problems, 'buttons', `${label} title`, button.title, WHATSAPP_LIMITS.buttonTitle);
		checkLength(problems, 'buttons', `${label} ID`, button.id, WHATSAPP_LIMITS.buttonId);
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
	return buttons;
}

export const sendButtons = {
	name: 'sendButtons' as const,
	displayName: 'Send Buttons',
	description: 'Send a message with up to three reply buttons',
	action: 'Send a message with reply buttons',
	properties: [
		bodyTextProperty('buttons'),
		{
			displayName: 'Buttons',
			name: 'buttons',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Button' },
			default: {},
			placeholder: 'Add Button',
			hint: `${WHATSAPP_LIMITS.buttons.min} to ${WHATSAPP_LIMITS.buttons.max} buttons; titles up to ${WHATSAPP_LIMITS.buttonTitle.max} characters, titles and IDs unique`,
			description: "The reply buttons. A tap comes back to the WhatsApp BSP Trigger with the button's ID and title.",
			options: [
				{
					displayName: 'Button',
					name: 'button',
					values: [
						{
							displayName: 'ID',
							name: 'id',
							type: 'string',
							required: true,
							default: '',
							description: `Your identifier for the button, returned when it is tapped (up to ${WHATSAPP_LIMITS.buttonId.max} characters)`,
						},
						{
							displayName: 'Title',
							name: 'title',
							type: 'string',
							required: true,
							default: '',
							description: `The button's label (up to ${WHATSAPP_LIMITS.buttonTitle.max} characters)`,
						},
					],
				},
			],
		},
		...interactiveFrameProperties,
	],
	build(parameters, problems) {
		const frame = readInteractiveFrame(parameters, problems);
		const buttons = readButtons(parameters, problems);
		const action = { buttons: buttons.map((reply) => ({ type: 'reply', reply })) };
		return { type: 'interactive', interactive: { type: 'button', ...frame, action } };
	},
} satisfies OperationModule;
