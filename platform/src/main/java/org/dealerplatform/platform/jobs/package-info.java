/**
 * Scheduled jobs that run on one instance at a time, with failover (REL-4), and CSV imports run as background jobs
 * with progress and a row report (CUS-8, issue 10), shared by every service that imports.
 */
package org.dealerplatform.platform.jobs;
