/** HQ's holiday calendar: China's public holidays and adjusted working days, so business days are known (SAL-8). */
package org.dealerplatform.sales.holiday;
