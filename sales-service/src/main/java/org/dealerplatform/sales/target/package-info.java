/** Annual sales targets and "task" floors per group, region, branch and salesperson, split into monthly schedules (SAL-2). */
package org.dealerplatform.sales.target;
