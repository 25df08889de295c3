/** Organisation reference data: regions, branches and their salespeople; the levels figures roll up to (SAL-2, SAL-9). */
package org.dealerplatform.sales.organisation;
