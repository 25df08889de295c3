package org.dealerplatform.sales.catalogue;

import static org.dealerplatform.sales.sale.VehicleCategory.BULK_CEMENT_TRUCK;
import static org.dealerplatform.sales.sale.VehicleCategory.CHEMICAL_TRUCK;
import static org.dealerplatform.sales.sale.VehicleCategory.MPV;
import static org.dealerplatform.sales.sale.VehicleCategory.PASSENGER_CAR;
import static org.dealerplatform.sales.sale.VehicleCategory.SPRINKLER;
import static org.dealerplatform.sales.sale.VehicleCategory.SUV;
import static org.dealerplatform.sales.sale.VehicleCategory.TANK_CAR;

import java.util.List;

/**
 * The catalogue an empty installation starts with: the models the demo data sells (passenger cars and the seed's
 * special-purpose vehicles) and the spellings seen for them, so existing free text keeps resolving (SAL-12).
 */
public final class DefaultCatalogue {

    public static final List<VehicleModel> MODELS = List.of(
            new VehicleModel("Passat 330TSI", "Volkswagen", "Passat", "Passat 330TSI", PASSENGER_CAR),
            new VehicleModel("Magotan", "Volkswagen", "Magotan", "Magotan 330TSI", PASSENGER_CAR),
            new VehicleModel("Lavida 1.5L", "Volkswagen", "Lavida", "Lavida 1.5L", PASSENGER_CAR),
            new VehicleModel("Lavida Plus", "Volkswagen", "Lavida", "Lavida Plus 1.5L", PASSENGER_CAR),
            new VehicleModel("Sagitar", "Volkswagen", "Sagitar", "Sagitar 300TSI", PASSENGER_CAR),
            new VehicleModel("Tiguan L", "Volkswagen", "Tiguan", "Tiguan L 330TSI", SUV),
            new VehicleModel("Tiguan L 380TSI", "Volkswagen", "Tiguan", "Tiguan L 380TSI", SUV),
            new VehicleModel("Teramont 530", "Volkswagen", "Teramont", "Teramont 530", SUV),
            new VehicleModel("ID.4 CROZZ", "Volkswagen", "ID.", "ID.4 CROZZ", SUV),
            new VehicleModel("Viloran 380TSI", "Volkswagen", "Viloran", "Viloran 380TSI", MPV),
            new VehicleModel("Dongfeng tank car 8t", "Dongfeng", "Tank car", "Dongfeng tank car 8t", TANK_CAR),
            new VehicleModel("Sinotruk sprinkler 12t", "Sinotruk", "Sprinkler", "Sinotruk sprinkler 12t", SPRINKLER),
            new VehicleModel("Foton bulk cement truck", "Foton", "Bulk cement truck", "Foton bulk cement truck", BULK_CEMENT_TRUCK),
            new VehicleModel("JAC chemical truck", "JAC", "Chemical truck", "JAC chemical truck", CHEMICAL_TRUCK));

    public static final List<ModelAlias> ALIASES = List.of(
            new ModelAlias("Passat", "Passat 330TSI"), new ModelAlias("帕萨特", "Passat 330TSI"),
            new ModelAlias("Magotan 330TSI", "Magotan"), new ModelAlias("迈腾", "Magotan"),
            new ModelAlias("Lavida", "Lavida 1.5L"), new ModelAlias("朗逸", "Lavida 1.5L"),
            new ModelAlias("朗逸Plus", "Lavida Plus"), new ModelAlias("Sagitar 300TSI", "Sagitar"),
            new ModelAlias("速腾", "Sagitar"), new ModelAlias("Tiguan", "Tiguan L"), new ModelAlias("途观L", "Tiguan L"),
            new ModelAlias("Teramont", "Teramont 530"), new ModelAlias("途昂", "Teramont 530"),
            new ModelAlias("ID.4", "ID.4 CROZZ"), new ModelAlias("Viloran", "Viloran 380TSI"),
            new ModelAlias("威然", "Viloran 380TSI"), new ModelAlias("Tank car", "Dongfeng tank car 8t"),
            new ModelAlias("油罐车", "Dongfeng tank car 8t"), new ModelAlias("Sprinkler", "Sinotruk sprinkler 12t"),
            new ModelAlias("洒水车", "Sinotruk sprinkler 12t"), new ModelAlias("Bulk cement truck", "Foton bulk cement truck"),
            new ModelAlias("散装水泥车", "Foton bulk cement truck"), new ModelAlias("Chemical truck", "JAC chemical truck"),
            new ModelAlias("化工车", "JAC chemical truck"));

    private DefaultCatalogue() {
    }
}
