export { formatText, formatRulesText, summaryLine, type TextOptions } from './text';
export { formatJson, formatRulesJson, TOOL_NAME, type JsonOptions } from './json';
