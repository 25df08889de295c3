package org.dealerplatform.customer.file;

/**
 * A change to a file whose personal data were erased (SEC-9): refused like any broken file rule (422 problem with the
 * field {@code customerId}), so the file takes no new personal data.
 */
public class FileErasedException extends FileRuleViolation {

    public FileErasedException(String customerId) {
        super("customerId", "customer file " + customerId
                + " was erased on the customer's request (SEC-9); it takes no changes");
    }
}
