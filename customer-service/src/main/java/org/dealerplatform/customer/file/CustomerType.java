package org.dealerplatform.customer.file;

/** Market segment of a customer (CUS-4): scattered individual users, group companies, government procurement. */
public enum CustomerType {
    INDIVIDUAL, GROUP_COMPANY, GOVERNMENT
}
