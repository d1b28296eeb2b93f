/**
 * Send Location: Meta's location message (`location: { latitude, longitude, name, address }`),
 * developers.facebook.com/documentation/business-messaging/whatsapp/messages/location-messages.
 */
import type { IDataObject } from 'n8n-workflow';

import { checkNumber, WHATSAPP_LIMITS } from '../checks';
import type { OperationModule } from './types';

export const sendLocation = {
	name: 'sendLocation' as const,
	displayName: 'Send Location',
	description: 'Send a map pin with an optional name and address',
	action: 'Send a location message',
	properties: [
		{
			displayName: 'Latitude',
			name: 'latitude',
			type: 'number',
			required: true,
			default: 0,
			typeOptions: { minValue: WHATSAPP_LIMITS.latitude.min, maxValue: WHATSAPP_LIMITS.latitude.max, numberPrecision: 7 },
			placeholder: '52.5200066',
			description: 'Degrees north (negative: south), from -90 to 90',
		},
		{
			displayName: 'Longitude',
			name: 'longitude',
			type: 'number',
			required: true,
			default: 0,
			typeOptions: { minValue: WHATSAPP_LIMITS.longitude.min, maxValue: WHATSAPP_LIMITS.longitude.max, numberPrecision: 7 },
			placeholder: '13.404954',
			description: 'Degrees east (negative: west), from -180 to 180',
		},
		{
			displayName: 'Location Name',
			name: 'locationName',
			type: 'string',
			default: '',
			placeholder: 'Shop Example, Alexanderplatz',
			description: 'Optional: the name shown above the address',
		},
		{
			displayName: 'Address',
			name: 'address',
			type: 'string',
			default: '',
			placeholder: 'Alexanderplatz 1, 10178 Berlin',
			description: 'Optional: the address shown under the name',
		},
	],
	build(parameters, problems) {
		const latitude = checkNumber(problems, 'latitude', 'latitude', parameters.value<unknown>('latitude', ''), WHATSAPP_LIMITS.latitude);
		const longitude = checkNumber(problems, 'longitude', 'longitude', parameters.value<unknown>('longitude', ''), WHATSAPP_LIMITS.longitude);
		const location: IDataObject = { latitude, longitude };
		const name = parameters.text('locationName').trim();
		if (name !== '') location.name = name;
		const address = parameters.text('address').trim();
		if (address !== '') location.address = address;
		return { type: 'location', location };
	},
} satisfies OperationModule;
