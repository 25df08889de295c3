/** Work orders: what a workshop did to a vehicle, parts and labour in fen (AFT-1). */
package org.dealerplatform.aftersales.workorder;
