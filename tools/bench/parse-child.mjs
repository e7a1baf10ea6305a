// Benchmark child: read and JSON.parse the files given, nothing else. Prints {seconds, maxRssMB} as JSON.
import { readFileSync } from 'node:fs';

const started = performance.now();
let keys = 0;
for (const file of process.argv.slice(2)) keys += Object.keys(JSON.parse(readFileSync(file, 'utf8'))).length;
const seconds = (performance.now() - started) / 1000;
process.stdout.write(JSON.stringify({ seconds, keys, maxRssMB: process.resourceUsage().maxRSS / 1024 }) + '\n');
