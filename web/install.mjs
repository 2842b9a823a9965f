// Installs this folder's npm packages when package-lock.json changed since the last install (npm ci), and
// optionally copies Web Chat's browser bundle into a folder (the host's wwwroot/lib). Idempotent and
// cross-platform, so both the .NET build (src/SupportBot/SupportBot.csproj) and scripts/test.sh call it.
//   node web/install.mjs [--copy-webchat-to DIR]
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const lock = join(here, 'package-lock.json');
const stamp = join(here, 'node_modules', '.installed-package-lock.json');

const same = (a, b) => existsSync(a) && existsSync(b) && readFileSync(a).equals(readFileSync(b));

if (!same(lock, stamp)) {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  console.log('web: npm ci (package-lock.json changed since the last install)');
  execFileSync(npm, ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: here, stdio: 'inherit', shell: process.platform === 'win32' });
  copyFileSync(lock, stamp);
}

const target = process.argv.indexOf('--copy-webchat-to');
if (target > 0) {
  const destination = process.argv[target + 1];
  const dist = join(here, 'node_modules', 'botframework-webchat', 'dist');
  mkdirSync(destination, { recursive: true });
  for (const [from, to] of [['webchat.js', 'webchat.js'], ['webchat.js.LICENSE.txt', 'webchat.js.LICENSE.txt']]) {
    if (!same(join(dist, from), join(destination, to))) {
      copyFileSync(join(dist, from), join(destination, to));
    }
  }
  const version = JSON.parse(readFileSync(join(dist, '..', 'package.json'), 'utf8')).version;
  console.log(`web: botframework-webchat ${version} bundle in ${destination}`);
}
