/** Plain helpers for cells of CSV and Excel files that domain code and export adapters share (SEC-4). */
package org.dealerplatform.platform.spreadsheet;
