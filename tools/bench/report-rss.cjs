// Preloaded into benchmark children when /usr/bin/time is missing: reports the peak RSS on exit.
process.on('exit', () => process.stderr.write(`wiga-bench-maxrss-kb=${process.resourceUsage().maxRSS}\n`));
