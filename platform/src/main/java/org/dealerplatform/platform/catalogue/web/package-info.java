/** The HQ endpoints every service's model remap shares (SAL-12); services declare them with their own path prefix. */
package org.dealerplatform.platform.catalogue.web;
