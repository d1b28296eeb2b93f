const path = require('path');
const { task, src, dest } = require('gulp');

// n8n resolves `file:` icons relative to the built node and credential files.
task('build:icons', () =>
	src(path.resolve('icons', '*.svg')).pipe(dest(path.resolve('dist', 'icons'))),
);
