package org.dealerplatform.customer.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.dealerplatform.customer.CustomerApi;
import org.dealerplatform.customer.file.persistence.CustomerSearch;
import org.dealerplatform.customer.file.persistence.CustomerStore;
import org.dealerplatform.customer.file.persistence.VinClaims;
import org.dealerplatform.customer.file.web.CustomerFiles;
import org.dealerplatform.customer.vehicle.Vehicle;
import org.dealerplatform.customer.vehicle.VehicleCategory;
import org.dealerplatform.platform.events.EventFactory;
import org.dealerplatform.platform.outbox.OutboxSignal;
import org.dealerplatform.platform.outbox.OutboxSupport;
import org.dealerplatform.platform.security.Caller;
import org.dealerplatform.platform.security.Role;
import org.dealerplatform.platform.web.NotFoundException;
import org.dealerplatform.test.MongoCommands;
import org.dealerplatform.test.ServiceTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;

/**
 * Registration, update, duplicate checks and VIN claims read only by keys the embedded server has a unique index for,
 * so their cost does not grow with the stored customers (it scans the collection for any other filter). The
 * components are built on a MongoTemplate whose commands are recorded.
 */
@ServiceTest
class HotPathQueriesTest {

    /** Filter keys that equal a unique index: _id, mobile_unique, id_version (compare-and-set), id_customer (claims). */
    static final Set<List<String>> INDEXED = Set.of(List.of("_id"), List.of("mobile"), List.of("_id", "version"),
            List.of("_id", "customerId"));

    static final Caller NANJING = new Caller("alice", Set.of(Role.SALES), CustomerApi.NANJING);
    static final Caller HANGZHOU = new Caller("bob", Set.of(Role.SALES), CustomerApi.HANGZHOU);

    @Autowired
    EventFactory events;
    @Value("${spring.mongodb.uri}")
    String uri;

    MongoCommands commands;
    CustomerStore store;
    CustomerFiles files;
    VinClaims claims;

    @BeforeEach
    void build() {
        commands = MongoCommands.watch(uri);
        store = new CustomerStore(new OutboxSupport(commands.template(), events, new OutboxSignal()));
        files = new CustomerFiles(store);
        claims = new VinClaims(commands.template());
    }

    @AfterEach
    void close() {
        commands.close();
    }

    private static Customer customer(String mobile) {
        return Customer.register(UUID.randomUUID().toString(), CustomerApi.NANJING, "王伟", CustomerType.INDIVIDUAL,
                mobile, null, null, "zh-CN", LocalDate.of(2026, 11, 20), Instant.now());
    }

    @Test
    @DisplayName("CUS-1 CUS-6 registering, reading within the branch, a duplicate mobile and an update use only _id or unique-index keys")
    void registrationAndUpdateReadByIndexKeys() {
        String mobile = CustomerApi.mobile();
        Customer registered = customer(mobile);
        commands.clear();

        store.insert(registered);
        assertThat(files.visible(registered.id(), NANJING).mobile()).isEqualTo(mobile);
        assertThatThrownBy(() -> files.visible(registered.id(), HANGZHOU)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> store.insert(customer(mobile))).isInstanceOf(DuplicateKeyException.class);
        assertThat(files.duplicateMobile(mobile, NANJING).getMessage()).contains(mobile);
        Customer loaded = files.visible(registered.id(), NANJING);
        loaded.updateDetails("王伟伟", CustomerType.INDIVIDUAL, mobile, null, null, "zh-CN", List.of(), null, Instant.now());
        store.update(loaded);

        List<MongoCommands.Sent> sent = commands.to(CustomerStore.COLLECTION);
        assertThat(sent).extracting(MongoCommands.Sent::name).contains("insert", "find", "update");
        assertThat(sent).filteredOn(s -> !s.name().equals("insert"))
                .allSatisfy(s -> assertThat(INDEXED).as("filter of %s", s).contains(s.filterKeys()));
    }

    @Test
    @DisplayName("CUS-4 issue 10 a search by mobile reads the one file by the mobile index, with no count and no scan; another branch, another filter or the next page finds nothing")
    void searchByMobileReadsByTheIndex() {
        String mobile = CustomerApi.mobile();
        Customer file = customer(mobile);
        store.insert(file);
        CustomerSearch search = new CustomerSearch(commands.template());
        Caller hq = new Caller("hq", Set.of(Role.HQ), null);
        Sort byName = Sort.by("name");
        commands.clear();

        assertThat(search.search(NANJING, byMobile(null, mobile, null), 0, 20, byName).content()).extracting(Customer::id)
                .containsExactly(file.id());
        assertThat(search.search(hq, byMobile("王", mobile, CustomerApi.NANJING), 0, 20, byName).totalElements()).isEqualTo(1);
        assertThat(search.search(HANGZHOU, byMobile(null, mobile, null), 0, 20, byName).content()).isEmpty();
        assertThat(search.search(NANJING, byMobile("李", mobile, null), 0, 20, byName).totalElements()).isZero();
        assertThat(search.search(hq, byMobile(null, mobile, CustomerApi.HANGZHOU), 0, 20, byName).content()).isEmpty();
        assertThat(search.search(NANJING, byMobile(null, mobile, null), 1, 20, byName).content()).isEmpty();

        List<MongoCommands.Sent> sent = commands.to(CustomerStore.COLLECTION);
        assertThat(sent).isNotEmpty().allSatisfy(s -> {
            assertThat(s.name()).isEqualTo("find");
            assertThat(s.filterKeys()).isEqualTo(List.of("mobile"));
        });
    }

    private static CustomerSearch.Filter byMobile(String name, String mobile, String branchId) {
        return new CustomerSearch.Filter(name, mobile, null, null, null, null, null, branchId);
    }

    @Test
    @DisplayName("CUS-6 a VIN claim of another file is refused, a claim whose owner file is gone or lacks the VIN is taken over, all by claim and file id")
    void vinClaimsReadByIndexKeys() {
        Customer owner = customer(CustomerApi.mobile());
        store.insert(owner);
        String vin = CustomerApi.vin();
        String ghost = UUID.randomUUID().toString();
        commands.clear();

        // a crash between claiming and saving left a claim of a file that does not exist: re-claimable
        assertThat(claims.claim(vin, ghost)).isEmpty();
        assertThat(claims.claim(vin, owner.id())).isEmpty();
        // the owner's file does not hold the VIN either (its save never happened): taken over again
        String other = UUID.randomUUID().toString();
        assertThat(claims.claim(vin, other)).isEmpty();
        claims.release(vin, other);
        assertThat(claims.claim(vin, owner.id())).isEmpty();
        Customer withVehicle = store.findById(owner.id()).orElseThrow();
        withVehicle.addVehicle(new Vehicle(vin, "秦PLUS", VehicleCategory.PASSENGER_CAR, null, LocalDate.of(2026, 11, 20)),
                Instant.now());
        store.update(withVehicle);
        // now the owner's file holds it: another file is refused with the owner's id
        assertThat(claims.claim(vin, other)).contains(owner.id());

        assertThat(commands.to("vin_claims")).filteredOn(s -> !s.name().equals("insert"))
                .isNotEmpty().allSatisfy(s -> assertThat(INDEXED).as("filter of %s", s).contains(s.filterKeys()));
        assertThat(commands.to(CustomerStore.COLLECTION)).filteredOn(s -> !s.name().equals("insert"))
                .isNotEmpty().allSatisfy(s -> assertThat(INDEXED).as("filter of %s", s).contains(s.filterKeys()));
    }
}
