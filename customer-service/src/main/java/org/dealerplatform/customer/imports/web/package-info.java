/** HTTP adapter for CSV import (202 with a job, the job resource) and export. */
package org.dealerplatform.customer.imports.web;
