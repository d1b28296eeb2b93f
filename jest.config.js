/** Unit tier: TypeScript sources run through ts-jest, no build needed. The provider sandbox's own tests live with it, in test/sandbox/test. */
module.exports = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test/unit', '<rootDir>/test/sandbox'],
	testMatch: ['**/*.test.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: { warnOnly: false } }] },
};
