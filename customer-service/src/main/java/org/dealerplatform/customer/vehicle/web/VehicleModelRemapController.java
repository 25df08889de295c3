package org.dealerplatform.customer.vehicle.web;

import io.swagger.v3.oas.annotations.tags.Tag;
import org.dealerplatform.customer.vehicle.persistence.VehicleModelRemap;
import org.dealerplatform.platform.catalogue.web.ModelRemapEndpoints;
import org.dealerplatform.platform.idempotency.KeptAnswers;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** SAL-12: HQ maps the free-text models of the vehicles of customer files stored before the catalogue to catalogue models. */
@RestController
@Validated
@RequestMapping("/api/customers")
@Tag(name = "Vehicle model remap", description = "SAL-12 HQ job: the free-text models of the vehicles of customer files stored before the "
        + "catalogue, to catalogue models")
public class VehicleModelRemapController extends ModelRemapEndpoints {

    public VehicleModelRemapController(VehicleModelRemap remap, KeptAnswers keptAnswers) {
        super(remap, keptAnswers);
    }
}
