import { run } from './main';

// A closed pipe (`wiga check | head`) is not an error of the check.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') return;
  process.stderr.write(`wiga: error: cannot write to stdout: ${error.message}\n`);
  process.exitCode = 2;
});

run(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env }).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`wiga: error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
