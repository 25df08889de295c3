package org.dealerplatform.test;

import java.util.Comparator;

import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

/**
 * Runs the services' {@link OpenApiDocumentContract} after every other test class of the module, so that its check of
 * the statuses the tests were answered ({@link AnsweredStatuses}) sees them all; the other classes keep their order.
 * Named in {@code junit-platform.properties} of this jar.
 */
public class DocumentChecksLast implements ClassOrderer {

    @Override
    public void orderClasses(ClassOrdererContext context) {
        context.getClassDescriptors().sort(Comparator.comparingInt(
                d -> OpenApiDocumentContract.class.isAssignableFrom(d.getTestClass()) ? 1 : 0));
    }
}
