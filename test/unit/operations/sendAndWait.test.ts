import type { IDataObject } from 'n8n-workflow';

import { build, problemsOf } from '../helpers/build-message';

const approval = (values: IDataObject = {}) => ({ operation: 'sendAndWait', message: 'Approve the refund of €120?', responseType: 'approval', approvalOptions: { values } });

describe('sendAndWait: the question and its checks (before anything is sent)', () => {
	it('builds an approval question with both buttons, header and footer, in Meta\'s key order', () => {
		const built = build({
			...approval({ approvalType: 'double', approveLabel: 'Yes, refund', disapproveLabel: 'No' }),
			headerText: 'Refund request',
			footerText: 'Shop Example',
		});
		expect(built.problems).toBeUndefined();
		expect(JSON.stringify(built.message?.payload)).toBe(
			JSON.stringify({
				type: 'interactive',
				interactive: {
					type: 'button',
					header: { type: 'text', text: 'Refund request' },
					body: { text: 'Approve the refund of €120?' },
					footer: { text: 'Shop Example' },
					action: {
						buttons: [
							{ type: 'reply', reply: { id: 'approve', title: 'Yes, refund' } },
							{ type: 'reply', reply: { id: 'disapprove', title: 'No' } },
						],
					},
				},
			}),
		);
	});

	it('defaults to one Approve button (n8n\'s own defaults)', () => {
		const built = build({ operation: 'sendAndWait', message: 'OK?' });
		expect(built.message?.payload.interactive).toEqual({
			type: 'button',
			body: { text: 'OK?' },
			action: { buttons: [{ type: 'reply', reply: { id: 'approve', title: 'Approve' } }] },
		});
	});

	it('builds buttons of the user\'s own and a list with sections as Send Buttons and Send List do', () => {
		const buttons = build({ operation: 'sendAndWait', message: 'Plan?', responseType: 'buttons', buttons: [{ id: 'basic', title: 'Basic' }, { id: 'pro', title: 'Pro' }] });
		expect((buttons.message?.payload.interactive as IDataObject).action).toEqual({
			buttons: [
				{ type: 'reply', reply: { id: 'basic', title: 'Basic' } },
				{ type: 'reply', reply: { id: 'pro', title: 'Pro' } },
			],
		});
		const list = build({
			operation: 'sendAndWait',
			message: 'Slot?',
			responseType: 'list',
			listButtonText: 'Pick a slot',
			rows: { row: [{ section: 'Mon', id: 'm10', title: '10:00' }, { section: 'Tue', id: 't14', title: '14:00', description: 'Room 2' }] },
		});
		expect(list.message?.payload.interactive).toEqual({
			type: 'list',
			body: { text: 'Slot?' },
			action: {
				button: 'Pick a slot',
				sections: [
					{ title: 'Mon', rows: [{ id: 'm10', title: '10:00' }] },
					{ title: 'Tue', rows: [{ id: 't14', title: '14:00', description: 'Room 2' }] },
				],
			},
		});
	});

	it.each<[IDataObject, string[]]>([
		[{ ...approval(), message: '' }, ['message: message is empty; WhatsApp needs 1 to 1024 characters']],
		[{ ...approval(), message: 'm'.repeat(1025) }, ['message: message is 1025 characters; WhatsApp allows at most 1024']],
		[approval({ approveLabel: 'A label of 21 letters' }), ['approvalOptions: approve label is 21 characters; WhatsApp allows at most 20']],
		[approval({ approveLabel: '' }), ['approvalOptions: approve label is empty; WhatsApp needs 1 to 20 characters']],
		[
			approval({ approvalType: 'double', approveLabel: 'OK', disapproveLabel: 'OK' }),
			['approvalOptions: both labels are "OK"; WhatsApp needs unique button titles'],
		],
		[approval({ approvalType: 'triple' }), ['approvalOptions: approval type "triple" is not one of single, double']],
		[{ ...approval(), responseType: 'freeText' }, ['responseType: response type "freeText" is not one of approval, buttons, list']],
		[{ operation: 'sendAndWait', message: 'Plan?', responseType: 'buttons', buttons: [] }, ['buttons: has 0 buttons; WhatsApp allows 1 to 3']],
		[
			{ operation: 'sendAndWait', message: 'Plan?', responseType: 'buttons', buttons: [{ id: 'a', title: 'A' }, { id: 'a', title: 'B' }] },
			['buttons: button 2 ID "a" repeats button 1; WhatsApp needs unique IDs'],
		],
		[
			{ operation: 'sendAndWait', message: 'Slot?', responseType: 'list', listButtonText: '', rows: { row: [{ id: 'x', title: 'X' }] } },
			['listButtonText: list button text is empty; WhatsApp needs 1 to 20 characters'],
		],
		[
			{ operation: 'sendAndWait', message: 'Slot?', responseType: 'list', listButtonText: 'Pick', rows: { row: [] } },
			['rows: has 0 rows; WhatsApp allows 1 to 10 in a list'],
		],
		[{ ...approval(), headerText: 'h'.repeat(61) }, ['headerText: header text is 61 characters; WhatsApp allows at most 60']],
		[{ ...approval(), footerText: 'f'.repeat(61) }, ['footerText: footer text is 61 characters; WhatsApp allows at most 60']],
		[{ ...approval(), to: '12' }, ['to: recipient number "12" has 2 digits; E.164 numbers have 8 to 15']],
	])('refuses %#', (input, expected) => {
		expect(problemsOf(input)).toEqual(expected);
	});
});
