/** Scheduled jobs that run on one instance at a time, with failover (REL-4). */
package org.dealerplatform.platform.jobs;
