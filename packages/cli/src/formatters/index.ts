export { formatText, formatRulesText, summaryLine, type TextOptions } from './text';
export { formatJson, formatRulesJson, TOOL_NAME, type JsonOptions } from './json';
export {
  accessSummary,
  csvField,
  formatInventoryCsv,
  formatInventoryJson,
  formatInventoryTable,
  formatReviewJson,
  formatReviewText,
  formatRightsizeJson,
  formatRightsizeText,
  hasUnused,
  type InventoryRow,
  type LastReview,
  type ReviewRow,
  type ReviewStatus,
  type RightsizeView,
  type ServiceAccess,
} from './governance';
