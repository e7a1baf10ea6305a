/**
 * Version of the app. 1 is the app as it was when settlement-worker was last reviewed; 2 (the
 * default, the code as it is today) adds its disputes-queue grant. The new-access test plans both.
 */
export type Revision = 1 | 2;
