package org.dealerplatform.platform.web;

import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The 201 answer of a request that made a record: {@code Location} is the request's own URI followed by the new
 * record's id ({@code POST /api/sales} → {@code /api/sales/{id}}), the body what the client reads of the record.
 */
public final class Created {

    private Created() {
    }

    public static <T> ResponseEntity<T> at(Object id, T body) {
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}").buildAndExpand(id)
                .toUri()).body(body);
    }
}
