/** Web plumbing shared by the features of this service (error answers the platform does not give yet). */
package org.dealerplatform.sales.web;
