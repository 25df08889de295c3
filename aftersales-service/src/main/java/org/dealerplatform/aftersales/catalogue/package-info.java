/** aftersales-service's replica of HQ's vehicle model catalogue, kept from sales-service's events (SAL-12). */
package org.dealerplatform.aftersales.catalogue;
