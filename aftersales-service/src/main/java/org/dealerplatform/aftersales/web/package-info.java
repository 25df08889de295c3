/** Web plumbing shared by the after-sales features: how domain rule violations are answered. */
package org.dealerplatform.aftersales.web;
