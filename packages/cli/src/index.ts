/**
 * @workload-iga/cli — the `wiga` command: reads files, calls @workload-iga/core, formats, sets the exit
 * code. It holds no rules.
 */
export { run, version, EXIT, type CliIo } from './main';
export { parseArgs, type Command, type CheckCommand, type RulesCommand, type Format, type ParseResult } from './args';
export { discoverInputs, type DiscoveredFile, type Discovery } from './discover';
export { formatText, formatRulesText, formatJson, formatRulesJson, summaryLine } from './formatters';
export { writeFileAtomic } from './output';
