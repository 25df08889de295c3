/** MongoDB storage of service grants and their audit trail. */
package org.dealerplatform.customer.serving.persistence;
