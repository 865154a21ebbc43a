// Copies uPlot's ES module, stylesheet and licence from node_modules into the console's resources.
// The copies are committed, so that building the jar needs neither npm nor the network; run
// `npm ci && npm run vendor` here after changing uplot's version in package.json.
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const from = join(here, 'node_modules', 'uplot');
const to = join(here, '..', '..', 'main', 'resources', 'io', 'opendms', 'server', 'console', 'static', 'vendor');
mkdirSync(to, { recursive: true });
copyFileSync(join(from, 'dist', 'uPlot.esm.js'), join(to, 'uPlot.esm.js'));
copyFileSync(join(from, 'dist', 'uPlot.min.css'), join(to, 'uPlot.min.css'));
copyFileSync(join(from, 'LICENSE'), join(to, 'uPlot.LICENSE.txt'));
console.log(`uPlot copied to ${to}`);
