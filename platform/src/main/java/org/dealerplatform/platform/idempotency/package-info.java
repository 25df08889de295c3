/** Safe client retries (REL-7): the {@code Idempotency-Key} a client sends, kept in the aggregate it created or changed. */
package org.dealerplatform.platform.idempotency;
