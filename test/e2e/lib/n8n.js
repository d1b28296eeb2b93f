'use strict';
// Drives a real, pinned n8n (installed by scripts/n8n-install.sh, run on
// Node 24) for the end-to-end tests. Each instance has its own temp
// N8N_USER_FOLDER, with our package loaded the way a user's n8n loads a
// community package. Every child runs in its own process group so that stop()
// can take down n8n together with its task runner.
//
// Database: SQLite (n8n's default) unless created with `database: 'postgres'`;
// queue mode (startQueue) runs on PostgreSQL only, as n8n deploys it. Such an
// instance runs a PostgreSQL server of its own for its whole life (create() to
// dispose()): Debian's server binaries (/usr/lib/postgresql/<newest major>/bin,
// or the folder $WA_BSP_POSTGRES_BIN; `bash scripts/system-deps.sh --postgresql`
// installs them), a fresh cluster in <user folder>/postgres-*, listening on a free
// 127.0.0.1 port with trust auth on loopback only, run as the `postgres` system
// user when the tests run as root (PostgreSQL refuses root). Every n8n process
// and CLI command of the instance gets the same DB_* environment.

const { spawn, execFile } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const fsp = require('node:fs/promises');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { promisify } = require('node:util');

const execFileP = promisify(execFile);

const REPO = path.resolve(__dirname, '../../..');
const PACKAGE_NAME = 'n8n-nodes-whatsapp-bsp';
const OWNER = {
	email: 'owner@e2e.test',
	firstName: 'E2E',
	lastName: 'Owner',
	password: 'E2e-owner-Passw0rd',
};
const KEEP = process.env.WA_BSP_E2E_KEEP === '1';

// Process groups still running, PostgreSQL servers still running, and folders
// still on disk, so that an exit (a failed assertion, Ctrl-C, the test runner's
// timeout) leaves nothing behind.
const liveGroups = new Set();
const livePostgres = new Set();
const liveRoots = new Set();
function cleanupSync() {
	for (const pid of liveGroups) {
		try {
			process.kill(-pid, 'SIGKILL');
		} catch {
			// already gone
		}
	}
	liveGroups.clear();
	// SIGQUIT is PostgreSQL's immediate shutdown: the postmaster takes its
	// backends down (they are not in its process group) and exits at once.
	for (const pid of livePostgres) {
		try {
			process.kill(pid, 'SIGQUIT');
		} catch {
			// already gone
		}
	}
	livePostgres.clear();
	if (!KEEP) for (const dir of liveRoots) fs.rmSync(dir, { recursive: true, force: true });
}
process.on('exit', cleanupSync);
const signalHandlers = new Map();
for (const [signal, code] of [
	['SIGINT', 130],
	['SIGTERM', 143],
	['SIGHUP', 129],
]) {
	const handler = () => {
		cleanupSync();
		process.exit(code);
	};
	signalHandlers.set(signal, handler);
	process.once(signal, handler);
}

/**
 * For a long-running caller (the demo) that stops its instances itself on
 * Ctrl-C, gracefully: removes the SIGINT/SIGTERM/SIGHUP handlers that kill
 * every process group at once. The exit handler stays, as a last resort.
 */
function releaseSignals() {
	for (const [signal, handler] of signalHandlers) process.off(signal, handler);
	signalHandlers.clear();
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Ports already handed out: a closed port can come back from the next
// listen(0), and the processes they are meant for bind them only later.
const handedOut = new Set();

/** A TCP port free on 127.0.0.1 right now, never the same one twice. */
async function freePort() {
	for (;;) {
		const port = await new Promise((resolve, reject) => {
			const server = net.createServer();
			server.unref();
			server.on('error', reject);
			server.listen(0, '127.0.0.1', () => {
				const { port: p } = server.address();
				server.close(() => resolve(p));
			});
		});
		if (!handedOut.has(port)) {
			handedOut.add(port);
			return port;
		}
	}
}

// The install script is the one place that knows where n8n lives; it answers
// in milliseconds when the install is cached, and installs it otherwise.
const installs = new Map();
function resolveInstall(version) {
	if (!installs.has(version)) {
		installs.set(
			version,
			new Promise((resolve, reject) => {
				const child = spawn('bash', [path.join(REPO, 'scripts/n8n-install.sh'), version, '--print-env'], {
					stdio: ['ignore', 'pipe', 'inherit'],
				});
				let out = '';
				child.stdout.on('data', (chunk) => (out += chunk));
				child.on('error', reject);
				child.on('close', (code) => {
					if (code !== 0) return reject(new Error(`scripts/n8n-install.sh ${version} exited ${code}`));
					const vars = {};
					for (const line of out.split('\n')) {
						const m = /^export (\w+)='(.*)'$/.exec(line);
						if (m) vars[m[1]] = m[2].replaceAll("'\\''", "'");
					}
					resolve({
						nodeDir: vars.WA_BSP_NODE_DIR,
						node: vars.WA_BSP_NODE,
						n8nDir: vars.WA_BSP_N8N_DIR,
						n8nBin: vars.WA_BSP_N8N_BIN,
						n8nVersion: vars.WA_BSP_N8N_VERSION,
					});
				});
			}),
		);
	}
	return installs.get(version);
}

/**
 * Puts the package into <nodesDir>/node_modules/<name> as a real folder, the
 * way n8n's own installer does: pack, unpack, drop the dev/peer/optional
 * dependencies, install the remaining ones without scripts, record it.
 */
async function installTarball(packageDir, nodesDir, workDir) {
	const { stdout } = await execFileP(
		'npm',
		['pack', packageDir, '--pack-destination', workDir, '--ignore-scripts', '--json', '--loglevel=error'],
		{ maxBuffer: 64 * 1024 * 1024 },
	);
	const tarball = path.join(workDir, JSON.parse(stdout)[0].filename);
	const target = path.join(nodesDir, 'node_modules', PACKAGE_NAME);
	await fsp.mkdir(target, { recursive: true });
	await execFileP('tar', ['-xzf', tarball, '-C', target, '--strip-components=1']);
	const manifestPath = path.join(target, 'package.json');
	const { devDependencies, peerDependencies, optionalDependencies, ...manifest } = JSON.parse(
		await fsp.readFile(manifestPath, 'utf8'),
	);
	await fsp.writeFile(manifestPath, JSON.stringify(manifest, null, 2));
	await execFileP(
		'npm',
		[
			'install',
			'--audit=false',
			'--fund=false',
			'--bin-links=false',
			'--install-strategy=shallow',
			'--ignore-scripts=true',
			'--package-lock=false',
			'--loglevel=error',
		],
		{ cwd: target },
	);
	const nodesManifest = path.join(nodesDir, 'package.json');
	const installed = JSON.parse(await fsp.readFile(nodesManifest, 'utf8'));
	installed.dependencies[PACKAGE_NAME] = manifest.version;
	await fsp.writeFile(nodesManifest, JSON.stringify(installed, null, 2));
}

/** Resolves true if `promise` settles within `ms`, false otherwise; leaves no timer behind. */
async function settlesWithin(promise, ms) {
	let timer;
	const timeout = new Promise((resolve) => (timer = setTimeout(resolve, ms, false)));
	try {
		return await Promise.race([promise.then(() => true), timeout]);
	} finally {
		clearTimeout(timer);
	}
}

async function stopGroup(child) {
	const signal = (name) => {
		try {
			process.kill(-child.pid, name);
		} catch {
			// group already empty
		}
	};
	if (liveGroups.has(child.pid)) {
		signal('SIGTERM');
		await settlesWithin(child.exited, 15_000);
	}
	// Also takes down whatever is left in the group, such as a task runner.
	signal('SIGKILL');
	await child.exited;
}

function tail(file, lines) {
	try {
		return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
	} catch {
		return '(no log)';
	}
}

/**
 * The encryption key of a kept user folder: the one n8n wrote into its config
 * on an earlier run, or a new one (n8n writes it there on its first run).
 */
function keptEncryptionKey(userFolder) {
	try {
		const { encryptionKey } = JSON.parse(fs.readFileSync(path.join(userFolder, '.n8n', 'config'), 'utf8'));
		if (typeof encryptionKey === 'string' && encryptionKey) return encryptionKey;
	} catch {
		// no config yet
	}
	return crypto.randomBytes(24).toString('hex');
}

function parseRawOutput(stdout) {
	// n8n prints log lines first; the execution JSON starts at the first line
	// that is `{` and, being indented, ends at the first line that is `}`.
	const lines = stdout.split('\n');
	const start = lines.findIndex((l) => l.trimEnd() === '{');
	if (start === -1) return undefined;
	const end = lines.findIndex((l, i) => i > start && l.trimEnd() === '}');
	if (end === -1) return undefined;
	return JSON.parse(lines.slice(start, end + 1).join('\n'));
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL: one throwaway server per n8n instance that asks for it.

const PG_ROOT = '/usr/lib/postgresql';
const PG_DATABASE = 'n8n';
const PG_USER = 'n8n';
// Trust needs no password; n8n is given one all the same, as a deployment would.
const PG_PASSWORD = 'n8n';
const PG_MISSING = 'PostgreSQL is missing: bash scripts/system-deps.sh --postgresql installs it (npm run test:e2e does)';

/** The server binaries: $WA_BSP_POSTGRES_BIN, or Debian's /usr/lib/postgresql/<newest major>/bin. */
function postgresBinDir() {
	const fromEnv = process.env.WA_BSP_POSTGRES_BIN;
	if (fromEnv) {
		if (!fs.existsSync(path.join(fromEnv, 'postgres'))) throw new Error(`WA_BSP_POSTGRES_BIN=${fromEnv} has no postgres in it`);
		return fromEnv;
	}
	let majors = [];
	try {
		majors = fs.readdirSync(PG_ROOT).filter((d) => /^\d+(\.\d+)?$/.test(d) && fs.existsSync(path.join(PG_ROOT, d, 'bin', 'postgres')));
	} catch {
		// no /usr/lib/postgresql
	}
	if (!majors.length) throw new Error(`${PG_MISSING} (no ${PG_ROOT}/<major>/bin/postgres)`);
	majors.sort((a, b) => Number(b) - Number(a));
	return path.join(PG_ROOT, majors[0], 'bin');
}

/**
 * A PostgreSQL server in a fresh cluster under `parentDir`: initdb, `postgres`
 * on a free 127.0.0.1 port (its socket in the cluster's folder too), one
 * database. As root, the server runs as the `postgres` system user (Debian's
 * package makes it) through setpriv, which execs, so that the pid is the
 * postmaster's and its signals are PostgreSQL's own: SIGINT a fast shutdown,
 * SIGQUIT an immediate one.
 */
class PostgresServer {
	constructor(parentDir, logFile) {
		this.parentDir = parentDir;
		this.logFile = logFile;
		this.bin = postgresBinDir();
		this.host = '127.0.0.1';
		this.port = undefined;
		this.database = PG_DATABASE;
		this.user = PG_USER;
		this.password = PG_PASSWORD;
		this.dir = undefined;
		this.child = undefined;
		this.asUser = []; // the setpriv prefix, as root
		this.clientEnv = { PATH: process.env.PATH, LC_ALL: 'C' };
	}

	/** The environment n8n reads its PostgreSQL connection from. */
	n8nEnv() {
		return {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: this.host,
			DB_POSTGRESDB_PORT: String(this.port),
			DB_POSTGRESDB_DATABASE: this.database,
			DB_POSTGRESDB_USER: this.user,
			DB_POSTGRESDB_PASSWORD: this.password,
		};
	}

	_log(text) {
		fs.appendFileSync(this.logFile, text.endsWith('\n') ? text : `${text}\n`);
	}

	/** Runs a program as the server's user, to its end; its output goes to the log. */
	async _run(file, args) {
		const [cmd, ...rest] = [...this.asUser, path.join(this.bin, file), ...args];
		this._log(`$ ${file} ${args.join(' ')}`);
		try {
			const { stdout, stderr } = await execFileP(cmd, rest, { cwd: this.dir, env: this.clientEnv, maxBuffer: 16 * 1024 * 1024 });
			this._log(stdout + stderr);
		} catch (e) {
			this._log(`${e.stdout ?? ''}${e.stderr ?? ''}(failed: ${e.message.split('\n')[0]})`);
			throw new Error(`${file} failed: ${e.message}\n${e.stdout ?? ''}${e.stderr ?? ''}`);
		}
	}

	/** A fresh folder for the cluster that the server's user owns and can reach (falls back to the temp folder). */
	async _makeDir() {
		if (process.getuid?.() !== 0) {
			this.dir = fs.mkdtempSync(path.join(this.parentDir, 'postgres-'));
			return;
		}
		let ids;
		try {
			const id = async (flag) => Number((await execFileP('id', [flag, 'postgres'])).stdout.trim());
			ids = { uid: await id('-u'), gid: await id('-g') };
		} catch {
			throw new Error(`${PG_MISSING}: there is no postgres system user to run it as (PostgreSQL does not run as root)`);
		}
		this.asUser = ['setpriv', `--reuid=${ids.uid}`, `--regid=${ids.gid}`, '--clear-groups', '--'];
		for (const parent of [this.parentDir, os.tmpdir()]) {
			const dir = fs.mkdtempSync(path.join(parent, 'postgres-'));
			fs.chownSync(dir, ids.uid, ids.gid);
			try {
				// Every folder above must let the postgres user through.
				await execFileP(this.asUser[0], [...this.asUser.slice(1), 'test', '-w', dir]);
				this.dir = dir;
				if (parent !== this.parentDir) liveRoots.add(dir);
				return;
			} catch {
				fs.rmSync(dir, { recursive: true, force: true });
			}
		}
		throw new Error(`the postgres user cannot write to a folder under ${this.parentDir} or ${os.tmpdir()}`);
	}

	async start() {
		await this._makeDir();
		const data = path.join(this.dir, 'data');
		await this._run('initdb', ['-D', data, '-U', this.user, '--auth=trust', '-E', 'UTF8', '--no-locale', '--no-sync']);
		// Trust on loopback only: the socket in the cluster's own folder, and 127.0.0.1.
		fs.writeFileSync(
			path.join(data, 'pg_hba.conf'),
			['# TYPE DATABASE USER ADDRESS METHOD', 'local all all trust', 'host all all 127.0.0.1/32 trust', ''].join('\n'),
		);
		// A socket path longer than the kernel's 107 bytes (a deep kept user folder) would stop the
		// server from starting: then TCP alone.
		const socketDir = `${this.dir}/.s.PGSQL.65535`.length <= 107 ? this.dir : '';
		// The port is free when picked, but another program may take it before the server binds it:
		// then another port.
		for (let attempt = 1; ; attempt++) {
			this.port = await freePort();
			const args = [
				'-D', data,
				'-p', String(this.port),
				'-c', `listen_addresses=${this.host}`,
				'-c', `unix_socket_directories=${socketDir}`,
				// A throwaway cluster: no crash safety needed, and the machine's disk is shared. What n8n
				// sees (transactions, locks, isolation) is unchanged.
				'-c', 'fsync=off',
				'-c', 'synchronous_commit=off',
				'-c', 'full_page_writes=off',
			];
			const [cmd, ...rest] = [...this.asUser, path.join(this.bin, 'postgres'), ...args];
			this._log(`$ postgres ${args.join(' ')}`);
			const logSize = fs.statSync(this.logFile).size;
			const log = fs.openSync(this.logFile, 'a');
			const child = spawn(cmd, rest, { cwd: this.dir, env: this.clientEnv, detached: true, stdio: ['ignore', log, log] });
			fs.closeSync(log);
			this.child = child;
			livePostgres.add(child.pid);
			child.exited = new Promise((resolve) =>
				child.once('exit', (code, signal) => {
					livePostgres.delete(child.pid);
					resolve({ code, signal });
				}),
			);
			try {
				await this._waitReady();
				break;
			} catch (error) {
				const said = fs.readFileSync(this.logFile, 'utf8').slice(logSize);
				if (attempt >= 3 || this.child || !/could not bind|Address already in use/i.test(said)) throw error;
			}
		}
		await this._run('createdb', ['-h', this.host, '-p', String(this.port), '-U', this.user, this.database]);
	}

	/** Until pg_isready says the server accepts connections; fails early if it exits. */
	async _waitReady(timeoutMs = 120_000) {
		const deadline = Date.now() + timeoutMs;
		let exited;
		this.child.exited.then((e) => (exited = e));
		while (Date.now() < deadline) {
			if (exited) {
				this.child = undefined;
				throw new Error(`postgres exited (${JSON.stringify(exited)}) before it accepted connections\n${tail(this.logFile, 30)}`);
			}
			try {
				await execFileP(path.join(this.bin, 'pg_isready'), ['-q', '-h', this.host, '-p', String(this.port), '-d', 'postgres', '-U', this.user, '-t', '2'], {
					env: this.clientEnv,
				});
				return;
			} catch {
				// not yet
			}
			await sleep(200);
		}
		throw new Error(`postgres on ${this.port} did not accept connections within ${timeoutMs} ms\n${tail(this.logFile, 30)}`);
	}

	/** Runs SQL with psql; resolves its unaligned, tuples-only output. */
	async query(sql) {
		const { stdout } = await execFileP(
			path.join(this.bin, 'psql'),
			['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-h', this.host, '-p', String(this.port), '-U', this.user, '-d', this.database, '-c', sql],
			{ env: this.clientEnv, maxBuffer: 64 * 1024 * 1024 },
		);
		return stdout.trim();
	}

	/** Fast shutdown (SIGINT); immediate (SIGQUIT) after 60 s, SIGKILL after 15 s more. Removes the cluster unless `keep`. */
	async stop({ keep = false } = {}) {
		const child = this.child;
		this.child = undefined;
		if (child && livePostgres.has(child.pid)) {
			for (const [signal, ms] of [['SIGINT', 60_000], ['SIGQUIT', 15_000], ['SIGKILL', 15_000]]) {
				try {
					process.kill(child.pid, signal);
				} catch {
					// already gone
				}
				if (await settlesWithin(child.exited, ms)) break;
			}
		}
		if (this.dir && !keep) {
			await fsp.rm(this.dir, { recursive: true, force: true });
			liveRoots.delete(this.dir);
		}
	}
}

class N8n {
	/**
	 * @param {object} [options]
	 * @param {'v2'|'v1'} [options.version='v2'] which pinned n8n
	 * @param {string} [options.packageDir] the built package (default: this repo)
	 * @param {'link'|'tarball'} [options.install='link']
	 * @param {object} [options.env] extra environment for every n8n process
	 * @param {import('node:test').TestContext} [options.t] dispose() after that test,
	 *   printing the log tails if it failed
	 * @param {number} [options.port] the port for start() (default: a free one)
	 * @param {string} [options.userFolder] a folder kept across runs (created if
	 *   missing; its encryption key is kept in it) instead of a fresh temp folder;
	 *   dispose() leaves it in place
	 * @param {boolean} [options.keep] dispose() leaves the user folder in place
	 * @param {'sqlite'|'postgres'} [options.database='sqlite'] n8n's database for every
	 *   process and CLI command of this instance. 'postgres' starts a PostgreSQL server of
	 *   the instance's own here (see the top of this file), stopped and removed by
	 *   dispose(); startQueue() needs it. The database lives as long as the instance (a
	 *   kept user folder keeps its SQLite database across runs, not a PostgreSQL one).
	 */
	static async create({ version = 'v2', packageDir = REPO, install = 'link', env = {}, t, port, userFolder, keep = false, database = 'sqlite' } = {}) {
		if (!['sqlite', 'postgres'].includes(database)) throw new Error(`unknown database ${database}: sqlite or postgres`);
		if (!['link', 'tarball'].includes(install)) throw new Error(`unknown install mode ${install}`);
		const n8n = new N8n(version, await resolveInstall(version), env, { port, userFolder, keep, database });
		if (!n8n.keep) liveRoots.add(n8n.userFolder);
		if (t) t.after(() => n8n.dispose({ failed: !t.passed }));
		try {
			// The server starts while the package installs; both before any CLI command.
			const results = await Promise.allSettled([
				database === 'postgres' ? n8n._startPostgres() : undefined,
				n8n._installPackage(packageDir, install),
			]);
			const failed = results.find((r) => r.status === 'rejected');
			if (failed) throw failed.reason;
		} catch (error) {
			// With `t`, its after() disposes; without, nobody else holds the instance yet.
			if (!t) await n8n.dispose({ failed: true });
			throw error;
		}
		return n8n;
	}

	async _installPackage(packageDir, install) {
		const nodesDir = path.join(this.userFolder, '.n8n', 'nodes');
		await fsp.mkdir(path.join(nodesDir, 'node_modules'), { recursive: true });
		await fsp.writeFile(
			path.join(nodesDir, 'package.json'),
			JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2),
		);
		// A kept folder has the package from its last run: replace it.
		await fsp.rm(path.join(nodesDir, 'node_modules', PACKAGE_NAME), { recursive: true, force: true });
		if (install === 'link') {
			await fsp.symlink(path.resolve(packageDir), path.join(nodesDir, 'node_modules', PACKAGE_NAME), 'dir');
		} else {
			await installTarball(path.resolve(packageDir), nodesDir, this.userFolder);
		}
	}

	/** Starts this instance's PostgreSQL server and points every later n8n process at it. */
	async _startPostgres() {
		// The postgres user (the server's, as root) must pass through our own temp folder.
		if (process.getuid?.() === 0 && !this.keptFolder) fs.chmodSync(this.userFolder, 0o711);
		this.postgres = new PostgresServer(this.userFolder, path.join(this.userFolder, 'postgres.log'));
		await this.postgres.start();
		Object.assign(this.env, this.postgres.n8nEnv());
	}

	constructor(version, installInfo, extraEnv, { port, userFolder, keep = false, database = 'sqlite' } = {}) {
		this.version = version;
		this.database = database;
		/** The PostgreSQL server of a `database: 'postgres'` instance (its query(sql) runs psql). */
		this.postgres = undefined;
		this.keptFolder = Boolean(userFolder);
		this.install = installInfo;
		this.n8nVersion = installInfo.n8nVersion;
		if (userFolder) {
			this.userFolder = path.resolve(userFolder);
			fs.mkdirSync(this.userFolder, { recursive: true });
		} else {
			this.userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'wa-bsp-n8n-'));
		}
		this.keep = KEEP || keep || Boolean(userFolder);
		this.fixedPort = port;
		this.procs = [];
		/** The workers of the last startQueue(), as it returned them. */
		this.workers = undefined;
		this.port = undefined;
		this.baseUrl = undefined;
		this._cookie = undefined;
		this._apiKey = undefined;
		const inherited = { ...process.env };
		// The test runner's own marker must not leak into n8n's node processes.
		delete inherited.NODE_TEST_CONTEXT;
		delete inherited.NODE_OPTIONS;
		this.env = {
			...inherited,
			PATH: `${path.join(installInfo.nodeDir, 'bin')}${path.delimiter}${process.env.PATH}`,
			N8N_USER_FOLDER: this.userFolder,
			// Fixed per folder: the CLI imports and the server must decrypt the same credentials.
			N8N_ENCRYPTION_KEY: userFolder ? keptEncryptionKey(this.userFolder) : crypto.randomBytes(24).toString('hex'),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PROTOCOL: 'http',
			N8N_SECURE_COOKIE: 'false',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
			// 1.x runs Code nodes in-process unless told; 2.x always uses runners.
			...(version === 'v1' ? { N8N_RUNNERS_ENABLED: 'true' } : {}),
			// 2.x's only call out at start-up (a directory of MCP servers): the
			// network is closed, and its stack traces would bury the useful log lines.
			...(version === 'v2' ? { N8N_DISABLED_MODULES: 'mcp-registry' } : {}),
			// The pooled driver (WAL): several n8n processes may use the SQLite file at once.
			...(database === 'sqlite' ? { DB_SQLITE_POOL_SIZE: '3' } : {}),
			N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
			...extraEnv,
		};
	}

	/** Files of this instance's logs: one per process, `cli.log` for the CLI commands. */
	logFiles() {
		return fs
			.readdirSync(this.userFolder)
			.filter((f) => f.endsWith('.log'))
			.map((f) => path.join(this.userFolder, f));
	}

	/** The last `lines` lines of each log, as one printable string. */
	logTail(lines = 80) {
		return this.logFiles()
			.map((f) => `----- ${f} (last ${lines} lines) -----\n${tail(f, lines)}`)
			.join('\n');
	}

	_spawn(args, logName, env) {
		const log = fs.openSync(path.join(this.userFolder, logName), 'a');
		const child = spawn(this.install.node, [this.install.n8nBin, ...args], {
			env: { ...this.env, ...env },
			cwd: this.userFolder,
			detached: true,
			stdio: ['ignore', log, log],
		});
		fs.closeSync(log);
		this._track(child, 'n8n');
		return child;
	}

	_track(child, kind) {
		child.kind = kind;
		liveGroups.add(child.pid);
		child.exited = new Promise((resolve) =>
			child.once('exit', (code, signal) => {
				liveGroups.delete(child.pid);
				resolve({ code, signal });
			}),
		);
		this.procs.push(child);
	}

	/**
	 * Runs one n8n CLI command to its end; its output goes to cli.log too.
	 * `nodeArgs`: Node.js flags for the n8n process (e.g. a CPU profile); `onSpawn(child)`: called once it runs.
	 * `stdoutFile`: n8n writes its standard output into this file, read at the end: n8n exits before a pipe has
	 * taken tens of MB of output (an execution of 100,000 items), where writes to a file are complete.
	 * @returns {Promise<{code: number, stdout: string, stderr: string, timedOut: boolean}>}
	 */
	async cli(args, { env = {}, timeoutMs = 120_000, check = true, nodeArgs = [], onSpawn, stdoutFile } = {}) {
		const outFd = stdoutFile ? fs.openSync(stdoutFile, 'w') : undefined;
		const child = spawn(this.install.node, [...nodeArgs, this.install.n8nBin, ...args], {
			env: { ...this.env, ...env },
			cwd: this.userFolder,
			detached: true,
			stdio: ['ignore', outFd ?? 'pipe', 'pipe'],
		});
		if (outFd !== undefined) fs.closeSync(outFd);
		liveGroups.add(child.pid);
		onSpawn?.(child);
		// Buffers, joined at the end: a chunk may end inside a multi-byte character.
		const out = [];
		const err = [];
		child.stdout?.on('data', (c) => out.push(c));
		child.stderr.on('data', (c) => err.push(c));
		let timedOut = false;
		const killGroup = () => {
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {
				// already gone
			}
		};
		const timer = setTimeout(() => {
			timedOut = true;
			killGroup();
		}, timeoutMs);
		const code = await new Promise((resolve, reject) => {
			child.on('error', reject);
			child.on('close', (c, signal) => resolve(c ?? `signal ${signal}`));
		});
		clearTimeout(timer);
		// n8n's task runner is in its process group: nothing of this command may outlive it.
		killGroup();
		liveGroups.delete(child.pid);
		const stdout = stdoutFile ? fs.readFileSync(stdoutFile, 'utf8') : Buffer.concat(out).toString('utf8');
		if (stdoutFile) fs.rmSync(stdoutFile, { force: true });
		const stderr = Buffer.concat(err).toString('utf8');
		fs.appendFileSync(
			path.join(this.userFolder, 'cli.log'),
			`\n$ n8n ${args.join(' ')}  (exit ${code}${timedOut ? ', timed out' : ''})\n${stdout}${stderr}`,
		);
		if (check && code !== 0) {
			throw new Error(`n8n ${args.join(' ')} exited ${code}${timedOut ? ' (timed out)' : ''}\n${stdout}\n${stderr}`.slice(-6000));
		}
		return { code, stdout, stderr, timedOut };
	}

	async _writeInput(name, data) {
		const file = path.join(this.userFolder, `${name}-${crypto.randomUUID()}.json`);
		await fsp.writeFile(file, JSON.stringify(data, null, 2));
		return file;
	}

	/**
	 * Imports credentials with plain `data` objects (n8n encrypts them).
	 * @param {Array<{id: string, name: string, type: string, data: object}>} credentials
	 */
	async importCredentials(credentials) {
		const file = await this._writeInput('credentials', credentials);
		await this.cli(['import:credentials', `--input=${file}`]);
	}

	/**
	 * Imports one workflow, given as an object or a path to a JSON file. A
	 * workflow without an `id` gets a random one.
	 * @returns {Promise<string>} the workflow id
	 */
	async importWorkflow(workflow) {
		const json = typeof workflow === 'string' ? JSON.parse(await fsp.readFile(workflow, 'utf8')) : workflow;
		const id = json.id ?? crypto.randomBytes(12).toString('base64url').replace(/[-_]/g, 'x').slice(0, 16);
		const file = await this._writeInput('workflow', { active: false, ...json, id });
		await this.cli(['import:workflow', `--input=${file}`]);
		return id;
	}

	/**
	 * Runs a workflow once with `n8n execute` (no server needed). A failed
	 * execution is returned too (its data.resultData.error is set); only a run
	 * that printed no execution JSON throws.
	 * @returns {Promise<object>} n8n's run: {status, mode, startedAt, stoppedAt, data: {resultData: {runData, lastNodeExecuted, error?}}}
	 */
	async execute(workflowId, { env = {}, timeoutMs = 120_000, nodeArgs, onSpawn, stdoutFile } = {}) {
		const { code, stdout, stderr, timedOut } = await this.cli(['execute', `--id=${workflowId}`, '--rawOutput'], {
			env: { N8N_RUNNERS_BROKER_PORT: String(await freePort()), ...env },
			timeoutMs,
			check: false,
			nodeArgs,
			onSpawn,
			stdoutFile,
		});
		const run = parseRawOutput(stdout);
		if (!run) {
			throw new Error(`n8n execute printed no execution (exit ${code}${timedOut ? ', timed out' : ''})\n${stdout}\n${stderr}`.slice(-6000));
		}
		return run;
	}

	/**
	 * Makes a trigger workflow live. Before start(): through the CLI (taken up
	 * at start); while running: through the public API.
	 */
	async publish(workflowId) {
		if (this.baseUrl) {
			await this.publicApi('POST', `/workflows/${workflowId}/activate`);
		} else if (this.version === 'v1') {
			await this.cli(['update:workflow', `--id=${workflowId}`, '--active=true']);
		} else {
			await this.cli(['publish:workflow', `--id=${workflowId}`]);
		}
	}

	/** Polls `url` until it answers 200 (with JSON if `json`), failing early if `child` exits. */
	async _waitHealthy(url, child, what, { json = false, timeoutMs = 180_000 } = {}) {
		const deadline = Date.now() + timeoutMs;
		let exited;
		child.exited.then((e) => (exited = e));
		while (Date.now() < deadline) {
			if (exited) throw new Error(`${what} exited (${JSON.stringify(exited)}) before it was ready\n${this.logTail(60)}`);
			try {
				const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
				await res.arrayBuffer();
				if (res.status === 200 && (!json || res.headers.get('content-type')?.includes('json'))) return;
			} catch {
				// not listening yet
			}
			await sleep(250);
		}
		throw new Error(`${what} not ready after ${timeoutMs} ms\n${this.logTail(60)}`);
	}

	async _startMain(extraEnv) {
		this.port = this.fixedPort ?? (await freePort());
		const base = `http://127.0.0.1:${this.port}`;
		const child = this._spawn(['start'], 'n8n-main.log', {
			N8N_PORT: String(this.port),
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
			...extraEnv,
		});
		await this._waitHealthy(`${base}/healthz/readiness`, child, 'n8n start');
		// 1.x answers readiness before it has mounted its REST API.
		await this._waitHealthy(`${base}/rest/settings`, child, 'n8n REST API', { json: true });
		this.baseUrl = base;
	}

	/** `n8n start` on a free port; resolves once /healthz/readiness answers 200. */
	async start() {
		if (this.baseUrl) throw new Error('n8n is already running');
		await this._startMain({});
		return { baseUrl: this.baseUrl, port: this.port };
	}

	/**
	 * Queue mode, as n8n deploys it: a redis-server on a free loopback port, then
	 * `n8n start` and `workers` × `n8n worker`, all on this instance's PostgreSQL
	 * (create it with `database: 'postgres'`) and sharing this user folder.
	 * Resolves when all are ready.
	 *
	 * Each worker has its own task-runner broker port (N8N_RUNNERS_BROKER_PORT)
	 * and health port (QUEUE_HEALTH_CHECK_PORT), and its own log: n8n-worker.log
	 * for the first, n8n-worker-2.log, ... for the others. Jobs go to whichever
	 * worker takes them from Redis first; workerOf(executionId) says which one ran
	 * an execution. A benchmark's two-worker row: `startQueue({ workers: 2 })`.
	 *
	 * @param {object} [options]
	 * @param {number} [options.concurrency=5] jobs one worker runs at a time (`--concurrency`)
	 * @param {number} [options.workers=1] how many `n8n worker` processes
	 * @returns {Promise<{baseUrl: string, port: number, redisPort: number, postgresPort: number,
	 *   workers: Array<{index: number, log: string, healthPort: number, brokerPort: number, pid: number}>}>}
	 */
	async startQueue({ concurrency = 5, workers = 1 } = {}) {
		if (this.baseUrl) throw new Error('n8n is already running');
		if (this.database !== 'postgres') {
			throw new Error("queue mode runs on PostgreSQL, as n8n deploys it: create the instance with N8n.create({ database: 'postgres', ... })");
		}
		if (!Number.isInteger(workers) || workers < 1) throw new Error(`workers must be a positive integer, not ${workers}`);
		const redisPort = await freePort();
		this._startRedis(redisPort);
		await this._waitRedis(redisPort);
		const queueEnv = {
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(redisPort),
		};
		// The main process runs the migrations; the workers start after it.
		await this._startMain(queueEnv);
		this.workers = await Promise.all(
			Array.from({ length: workers }, async (_, i) => {
				const index = i + 1;
				const logName = index === 1 ? 'n8n-worker.log' : `n8n-worker-${index}.log`;
				const healthPort = await freePort();
				const brokerPort = await freePort();
				const child = this._spawn(['worker', `--concurrency=${concurrency}`], logName, {
					...queueEnv,
					N8N_RUNNERS_BROKER_PORT: String(brokerPort),
					QUEUE_HEALTH_CHECK_ACTIVE: 'true',
					QUEUE_HEALTH_CHECK_PORT: String(healthPort),
					N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
				});
				await this._waitHealthy(`http://127.0.0.1:${healthPort}/healthz/readiness`, child, `n8n worker ${index}`);
				return { index, log: path.join(this.userFolder, logName), healthPort, brokerPort, pid: child.pid };
			}),
		);
		return { baseUrl: this.baseUrl, port: this.port, redisPort, postgresPort: this.postgres.port, workers: this.workers };
	}

	/**
	 * Which worker ran an execution, by the workers' logs ("Worker started/finished
	 * execution <id>"): its index (1 for n8n-worker.log), or undefined if none did.
	 */
	workerOf(executionId) {
		const ran = new RegExp(`Worker (started|finished) execution ${executionId}\\b`);
		return (this.workers ?? []).find((w) => {
			try {
				return ran.test(fs.readFileSync(w.log, 'utf8'));
			} catch {
				return false;
			}
		})?.index;
	}

	_startRedis(port) {
		const log = fs.openSync(path.join(this.userFolder, 'redis.log'), 'a');
		const bin = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((f) => fs.existsSync(f));
		if (!bin) {
			fs.closeSync(log);
			throw new Error('redis-server is missing: apt-get install -y redis-server (bash scripts/system-deps.sh, which npm run test:e2e runs, does this)');
		}
		const child = spawn(bin, ['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no'], {
			cwd: this.userFolder,
			detached: true,
			stdio: ['ignore', log, log],
		});
		fs.closeSync(log);
		this._track(child, 'redis');
	}

	async _waitRedis(port, timeoutMs = 15_000) {
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			const pong = await new Promise((resolve) => {
				const socket = net.connect(port, '127.0.0.1');
				socket.setTimeout(1000);
				socket.on('connect', () => socket.write('PING\r\n'));
				socket.on('data', (d) => {
					socket.destroy();
					resolve(d.toString().startsWith('+PONG'));
				});
				socket.on('error', () => resolve(false));
				socket.on('timeout', () => {
					socket.destroy();
					resolve(false);
				});
			});
			if (pong) return;
			await sleep(100);
		}
		throw new Error(`redis-server on ${port} did not answer\n${this.logTail(20)}`);
	}

	/**
	 * Stops every process start() or startQueue() started: n8n processes first
	 * (SIGTERM, SIGKILL after 15 s), Redis last, since n8n waits for it while
	 * shutting down. The PostgreSQL server keeps running (start() again finds
	 * the same database): dispose() stops it.
	 */
	async stop() {
		const procs = this.procs.splice(0);
		await Promise.all(procs.filter((c) => c.kind === 'n8n').map(stopGroup));
		await Promise.all(procs.filter((c) => c.kind !== 'n8n').map(stopGroup));
		this.baseUrl = undefined;
		this._cookie = undefined;
		this._apiKey = undefined;
	}

	/** stop(), stop the PostgreSQL server, print the log tails if `failed`, and remove the user folder. */
	async dispose({ failed = false } = {}) {
		await this.stop();
		const postgres = this.postgres;
		this.postgres = undefined;
		await postgres?.stop({ keep: this.keep });
		if (failed) console.error(`n8n ${this.n8nVersion} logs (${this.userFolder}):\n${this.logTail()}`);
		if (!this.keep) {
			await fsp.rm(this.userFolder, { recursive: true, force: true });
			liveRoots.delete(this.userFolder);
		}
	}

	_url(p) {
		if (!this.baseUrl) throw new Error('n8n is not running: call start() or startQueue() first');
		return `${this.baseUrl}${p}`;
	}

	/** Production webhook URL of a live trigger workflow. */
	webhookUrl(webhookPath) {
		return this._url(`/webhook/${webhookPath.replace(/^\//, '')}`);
	}

	/**
	 * Waits until n8n serves the production webhook `method webhookPath`: it is
	 * registered a little after readiness. Probes with a CORS preflight, which
	 * starts no execution; n8n answers it with the path's registered methods
	 * (a plain OPTIONS gets 204 whether or not the path exists).
	 */
	async waitForWebhook(webhookPath, { method = 'POST', timeoutMs = 30_000 } = {}) {
		const url = this.webhookUrl(webhookPath);
		const deadline = Date.now() + timeoutMs;
		let last;
		while (Date.now() < deadline) {
			try {
				const res = await fetch(url, { method: 'OPTIONS', headers: { origin: this.baseUrl } });
				const allowed = (res.headers.get('access-control-allow-methods') ?? '').split(/,\s*/);
				if (res.status === 204 && allowed.includes(method)) return;
				last = `${res.status} ${allowed.join(',')}`;
			} catch (e) {
				last = e.message;
			}
			await sleep(250);
		}
		throw new Error(`webhook ${method} ${url} not live after ${timeoutMs} ms (last answer ${last})`);
	}

	async _request(method, url, body, headers) {
		const res = await fetch(url, {
			method,
			headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await res.text();
		let json;
		try {
			json = text ? JSON.parse(text) : undefined;
		} catch {
			json = undefined;
		}
		return { status: res.status, headers: res.headers, json, text };
	}

	/**
	 * Sets up the owner on a fresh instance (or logs in as that owner).
	 * @returns {Promise<string>} a Cookie header value, `n8n-auth=...`
	 */
	async ownerLogin() {
		if (this._cookie) return this._cookie;
		let res = await this._request('POST', this._url('/rest/owner/setup'), OWNER);
		if (res.status !== 200) {
			res = await this._request('POST', this._url('/rest/login'), {
				emailOrLdapLoginId: OWNER.email,
				email: OWNER.email,
				password: OWNER.password,
			});
		}
		const cookie = res.headers.getSetCookie().find((c) => c.startsWith('n8n-auth='));
		if (res.status !== 200 || !cookie) throw new Error(`owner login failed: ${res.status} ${res.text}`);
		this._cookie = cookie.split(';')[0];
		return this._cookie;
	}

	/**
	 * REST call as the owner (the editor's API).
	 * @returns {Promise<{status: number, headers: Headers, json: any, text: string}>}
	 */
	async rest(method, restPath, body) {
		const res = await this._request(method, this._url(`/rest${restPath}`), body, { cookie: await this.ownerLogin() });
		if (res.status !== 401) return res;
		// Seen once in CI right after start-up: the session of the owner set-up was refused on the next call.
		// Log in again, as the editor would, and try once more.
		this._cookie = undefined;
		return this._request(method, this._url(`/rest${restPath}`), body, { cookie: await this.ownerLogin() });
	}

	/** A public-API key of the owner with every scope it may have. */
	async apiKey() {
		if (this._apiKey) return this._apiKey;
		const scopes = await this.rest('GET', '/api-keys/scopes');
		const res = await this.rest('POST', '/api-keys', {
			label: `e2e-${Date.now()}`,
			expiresAt: null,
			scopes: scopes.json?.data,
		});
		const key = res.json?.data?.rawApiKey ?? res.json?.data?.apiKey;
		if (res.status !== 200 || !key) throw new Error(`API key creation failed: ${res.status} ${res.text}`);
		this._apiKey = key;
		return key;
	}

	/**
	 * Public API call (`/api/v1<apiPath>`); throws unless it answers 2xx.
	 * @returns {Promise<any>} the JSON answer
	 */
	async publicApi(method, apiPath, body) {
		const res = await this._request(method, this._url(`/api/v1${apiPath}`), body, {
			'x-n8n-api-key': await this.apiKey(),
		});
		if (res.status < 200 || res.status > 299) throw new Error(`${method} /api/v1${apiPath}: ${res.status} ${res.text}`);
		return res.json;
	}

	/**
	 * The executions n8n recorded for a workflow, oldest first, with their data.
	 * @returns {Promise<Array<{id: string, status: string, mode: string, finished: boolean, startedAt: string, stoppedAt: string, workflowId: string, data: {resultData: {runData: object, lastNodeExecuted: string, error?: object}}}>>}
	 */
	async executions(workflowId) {
		const all = [];
		let cursor;
		do {
			const query = new URLSearchParams({ workflowId, includeData: 'true', limit: '250' });
			if (cursor) query.set('cursor', cursor);
			const page = await this.publicApi('GET', `/executions?${query}`);
			all.push(...page.data);
			cursor = page.nextCursor;
		} while (cursor);
		return all.sort((a, b) => Number(a.id) - Number(b.id));
	}

	/**
	 * Polls executions(workflowId) until `count` of them have ended (only those whose id is not in `after`, when
	 * given). In queue mode, n8n 1.123.81 and 2.41.1 alike now and then answer a webhook and never hand its execution
	 * to a worker ("Waiting for 1 active executions to finish" at shutdown), whatever node the workflow starts with
	 * (n8n's own Webhook node too; closing note of issue 18). With `idleMeansLost` (for executions that run straight
	 * through, never waiting), when n8n is idle and executions are still missing, this throws ExecutionLostByN8n, which
	 * retryIfLostByN8n() answers by running the test's step once more.
	 * @returns {Promise<Array>} as executions()
	 */
	async waitForExecutions(workflowId, { count = 1, timeoutMs = 30_000, after, idleMeansLost = false } = {}) {
		const deadline = Date.now() + timeoutMs;
		let ended = [];
		const idle = idleMeansLost ? this.idleQueue() : () => false;
		while (Date.now() < deadline) {
			ended = (await this.executions(workflowId)).filter((e) => e.stoppedAt && !after?.has(e.id));
			if (ended.length >= count) return ended;
			if (idle()) {
				throw new ExecutionLostByN8n(
					`${ended.length} of ${count} executions of ${workflowId} ended, and n8n has had nothing enqueued or running for ${LOST_GRACE_MS / 1000} s: it lost the others before any worker had them`,
				);
			}
			await sleep(300);
		}
		throw new Error(`${ended.length} of ${count} executions of ${workflowId} ended within ${timeoutMs} ms`);
	}

	/**
	 * In queue mode, a function that tells whether n8n has been idle for LOST_GRACE_MS: every execution its main
	 * process enqueued has finished, every one a worker started has finished, and no execution has moved meanwhile. An
	 * execution still missing then was never handed to a worker (n8n's executions list and database do not show it
	 * either). Outside queue mode, a function that says false.
	 */
	idleQueue() {
		if (!this.workers) return () => false;
		const logs = [path.join(this.userFolder, 'n8n-main.log'), ...this.workers.map((w) => w.log)];
		let lastSeen = '';
		let quietSince = Date.now();
		return () => {
			const texts = logs.map((file) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : ''));
			const ids = (text, pattern) => new Set([...text.matchAll(pattern)].map((m) => m[1]));
			const [main, ...workers] = texts;
			const enqueued = ids(main, /Enqueued execution (\d+) /g);
			const finished = ids(main, /Execution (\d+) \(job \d+\) finished/g);
			const started = workers.map((text) => ids(text, /Worker started execution (\d+) /g));
			const done = workers.map((text) => ids(text, /Worker finished execution (\d+) /g));
			// Other lines (n8n's periodic ones) do not count: only executions moving on.
			const seen = JSON.stringify([enqueued, finished, ...started, ...done].map((set) => set.size));
			if (seen !== lastSeen) {
				lastSeen = seen;
				quietSince = Date.now();
				return false;
			}
			const settled = (from, to) => [...from].every((id) => to.has(id));
			const mainSettled = settled(enqueued, finished);
			const workersSettled = started.every((set, i) => settled(set, done[i]));
			return mainSettled && workersSettled && Date.now() - quietSince >= LOST_GRACE_MS;
		};
	}

	/** The ids of the executions of `workflowId` so far, e.g. as `after` for waitForExecutions(). */
	async executionIds(workflowId) {
		return new Set((await this.executions(workflowId)).map((e) => e.id));
	}
}

// When no execution has moved for this long with executions missing, they are taken as lost. 30 s was too short on a
// machine loaded far beyond its cores (four n8n set-ups at once): n8n then stalled that long and went on.
const LOST_GRACE_MS = 60_000;

/** n8n lost an execution that it had answered for (see waitForExecutions()). */
class ExecutionLostByN8n extends Error {}

// How often a step runs again after n8n lost one of its executions. n8n 1.123.81, once it has lost one in a burst,
// lost another on the step's second run in 2 of 6 runs on a loaded machine (issue 18's closing note).
const RUNS_AFTER_A_LOSS = 2;

/**
 * Runs `fn` (a test's step, which posts its own events and waits for their executions), and again, up to
 * RUNS_AFTER_A_LOSS times, when n8n lost one of them: what n8n never ran says nothing of the package, and every
 * assertion still holds on the run that passes.
 */
async function retryIfLostByN8n(t, fn) {
	for (let again = 0; ; again++) {
		try {
			return await fn();
		} catch (error) {
			if (!(error instanceof ExecutionLostByN8n) || again >= RUNS_AFTER_A_LOSS) throw error;
			t.diagnostic(`${error.message}; running the step again`);
		}
	}
}

/**
 * The JSON of the items a node put out in a run (last run of that node).
 * @param {object} runOrExecution what execute() or executions() returns
 * @returns {object[]}
 */
function nodeOutput(runOrExecution, nodeName, outputIndex = 0) {
	const runs = runOrExecution.data.resultData.runData[nodeName];
	if (!runs) throw new Error(`node "${nodeName}" did not run`);
	const last = runs[runs.length - 1];
	if (last.error) throw new Error(`node "${nodeName}" failed: ${last.error.message}`);
	return (last.data?.main?.[outputIndex] ?? []).map((item) => item.json);
}

module.exports = { N8n, nodeOutput, freePort, releaseSignals, retryIfLostByN8n, ExecutionLostByN8n, REPO, PACKAGE_NAME, OWNER };
