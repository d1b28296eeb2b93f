'use strict';
// The media files uploaded to the sandbox (Insider POST /v1/media/upload, Kaleyra POST /v2/:sid/whatsapp/:number/media,
// Gupshup POST /partner/app/:appId/media): what each upload carried, never the bytes themselves. Listed by
// GET /__sandbox/uploads; cleared by a reset.

// Media IDs as Meta writes them: 16 digits.
const FIRST_MEDIA_ID = 4000000000000000;

function createUploads() {
	let uploads = [];
	let next = 1;
	return {
		/** Records an accepted upload and returns its media ID. */
		add({ provider, path, fields, file }) {
			const mediaId = String(FIRST_MEDIA_ID + next++);
			uploads.push({ mediaId, provider, path, fields, file, uploadedAt: new Date().toISOString() });
			return mediaId;
		},
		/** Whether `mediaId` was uploaded to `provider`. */
		has(provider, mediaId) {
			return uploads.some((u) => u.provider === provider && u.mediaId === mediaId);
		},
		list(provider) {
			return provider ? uploads.filter((u) => u.provider === provider) : uploads;
		},
		clear() {
			const count = uploads.length;
			uploads = [];
			next = 1;
			return count;
		},
		toJSON: () => uploads,
	};
}

module.exports = { createUploads };
