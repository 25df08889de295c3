/** The model catalogue replica services import to resolve vehicle models (SAL-12). */
package org.dealerplatform.platform.catalogue;
