import type { IDataObject } from 'n8n-workflow';

import { build, problemsOf } from '../helpers/build-message';

describe('sendLocation', () => {
	it("is sent as Meta's location object, numbers as numbers, empty name and address left out", () => {
		expect(build({ operation: 'sendLocation', latitude: 52.5200066, longitude: '13.404954', locationName: ' Shop Example ', address: '' }).message?.payload).toEqual({
			type: 'location',
			location: { latitude: 52.5200066, longitude: 13.404954, name: 'Shop Example' },
		});
		expect(build({ operation: 'sendLocation', latitude: -90, longitude: 180, locationName: 'Pole', address: 'South' }).message?.payload).toEqual({
			type: 'location',
			location: { latitude: -90, longitude: 180, name: 'Pole', address: 'South' },
		});
	});

	it.each<[IDataObject, string[]]>([
		[{ latitude: 90.5, longitude: 0 }, ['latitude: latitude is 90.5; it must be from -90 to 90']],
		[{ latitude: -91, longitude: 0 }, ['latitude: latitude is -91; it must be from -90 to 90']],
		[{ latitude: 0, longitude: 180.1 }, ['longitude: longitude is 180.1; it must be from -180 to 180']],
		[{ latitude: 0, longitude: -181 }, ['longitude: longitude is -181; it must be from -180 to 180']],
		[{ latitude: '52,52', longitude: 13 }, ['latitude: latitude "52,52" is not a number']],
		[{ latitude: '', longitude: 13 }, ['latitude: latitude is empty']],
		[{ longitude: 13 }, ['latitude: latitude is empty']],
	])('case %# is refused with exactly the expected problems', (input, expected) => {
		expect(problemsOf({ operation: 'sendLocation', ...input })).toEqual(expected);
	});
});
