#!/usr/bin/env python3
"""Writes the JSON Schema and example of every cross-service event from one catalogue.

Run it after changing the catalogue: python3 contracts/tools/catalogue.py
(The generated files are committed; the build only reads them.)
"""
import json, os

OUT = os.path.join(os.path.dirname(__file__), '..', 'src', 'main', 'resources', 'contracts', 'events')

S = {"type": "string", "minLength": 1}
S_OPT = {"type": ["string", "null"]}
DATE = {"type": "string", "format": "date"}
DATE_OPT = {"type": ["string", "null"], "format": "date"}
DT = {"type": "string", "format": "date-time"}
INT = {"type": "integer"}
INT_OPT = {"type": ["integer", "null"]}
FEN = {"type": "integer", "description": "CNY in fen (1 yuan = 100 fen)"}
VIN = {"type": "string", "pattern": "^[A-HJ-NPR-Z0-9]{17}$"}
MOBILE_OPT = {"type": ["string", "null"], "pattern": "^1[3-9][0-9]{9}$"}
LANG = {"enum": ["zh-CN", "en"]}
SEGMENT = {"enum": ["INDIVIDUAL", "GROUP_COMPANY", "GOVERNMENT"], "description": "market segment (CUS-4)"}
CATEGORY = {"enum": ["PASSENGER_CAR", "SUV", "MPV", "COMMERCIAL", "TANK_CAR", "CHEMICAL_TRUCK", "SPRINKLER", "BULK_CEMENT_TRUCK", "OTHER_SPECIAL"],
            "description": "vehicle category (CUS-4)"}
JOB_TYPE = {"enum": ["MAINTENANCE", "REPAIR", "WARRANTY", "ACCIDENT", "OTHER"],
            "description": "job type (AFT-2): only MAINTENANCE restarts the maintenance cycle; events before job types existed lack it (read as MAINTENANCE)"}
CLASS = {"enum": ["VIP", "FIRST_CLASS", "SECOND_CLASS", "OTHER"], "description": "customer class (CUS-3)"}
CHANNEL = {"enum": ["SMS", "EMAIL", "LETTER", "PHONE"]}
ARR = lambda items: {"type": "array", "items": items}
OBJ = lambda props, required=None: {"type": "object", "properties": props, "required": required or list(props.keys()), "additionalProperties": True}
VEHICLE = OBJ({"vin": VIN, "model": S, "category": CATEGORY, "plate": S_OPT}, ["vin", "model", "category"])
CREDIT = OBJ({"salespersonId": S, "sharePercent": {"type": "number", "exclusiveMinimum": 0, "maximum": 100}})

CID = "0193a1b2-7c4d-7e5f-8a6b-1c2d3e4f5a6b"
SALE = "0193a1c0-1111-7aaa-8bbb-000000000001"
VIN1 = "1HGCM82633A004352"
NOW = "2026-11-20T02:15:30Z"

EVENTS = {
  # ---------------- customer-service (topic customers.customer.events, key = customerId) ----------------
  "dealer.customers.CustomerRegistered.v1": ("A customer file was created at a branch (CUS-1). Consumers keep local replicas of the contact details (notification-service) and of the customer (sales, after-sales).",
    {"customerId": S, "branchId": S, "name": S, "type": SEGMENT, "mobile": MOBILE_OPT, "email": S_OPT, "address": S_OPT,
     "preferredLanguage": LANG, "firstVisitDate": DATE_OPT, "registeredAt": DT},
    {"customerId": CID, "branchId": "JS-NJ-01", "name": "王伟", "type": "INDIVIDUAL", "mobile": "13812345678", "email": "wang.wei@example.cn",
     "address": "南京市鼓楼区中山路1号", "preferredLanguage": "zh-CN", "firstVisitDate": "2026-11-20", "registeredAt": NOW}),
  "dealer.customers.CustomerUpdated.v1": ("The contact or file details of a customer changed (CUS-1). Carries the full current details.",
    {"customerId": S, "branchId": S, "name": S, "type": SEGMENT, "mobile": MOBILE_OPT, "email": S_OPT, "address": S_OPT,
     "preferredLanguage": LANG, "complete": {"type": "boolean", "description": "file complete per CUS-2"}, "updatedAt": DT},
    {"customerId": CID, "branchId": "JS-NJ-01", "name": "王伟", "type": "INDIVIDUAL", "mobile": "13812345678", "email": "wang.wei@example.cn",
     "address": "南京市鼓楼区中山路1号", "preferredLanguage": "zh-CN", "complete": True, "updatedAt": NOW}),
  "dealer.customers.VehicleRegistered.v1": ("A vehicle was added to a customer's file (CUS-1). Key = customerId.",
    {"customerId": S, "branchId": S, "vehicle": VEHICLE, "purchaseDate": DATE_OPT, "registeredAt": DT},
    {"customerId": CID, "branchId": "JS-NJ-01", "vehicle": {"vin": VIN1, "model": "Passat 330TSI", "category": "PASSENGER_CAR", "plate": "苏A12345"},
     "purchaseDate": "2026-11-20", "registeredAt": NOW}),
  "dealer.customers.VehicleOwnershipTransferred.v1": ("A vehicle changed owner (resale, trade-in): the old owner stops getting its reminders (CUS-9). Key = new owner's customerId.",
    {"vin": VIN, "fromCustomerId": S, "toCustomerId": S, "branchId": S, "transferDate": DATE, "transferredAt": DT},
    {"vin": VIN1, "fromCustomerId": CID, "toCustomerId": "0193a1b2-7c4d-7e5f-8a6b-1c2d3e4f5a70", "branchId": "JS-NJ-01", "transferDate": "2026-11-25", "transferredAt": NOW}),
  "dealer.customers.ContactPreferencesChanged.v1": ("Consent per channel, opt-outs, preferred language and channel order changed (CUS-5, NOT-7). Carries the full current preferences.",
    {"customerId": S, "branchId": S, "preferredLanguage": LANG,
     "consents": OBJ({"SMS": {"type": "boolean"}, "EMAIL": {"type": "boolean"}, "LETTER": {"type": "boolean"}, "PHONE": {"type": "boolean"}}),
     "preferredChannels": ARR(CHANNEL), "source": {"type": "string", "description": "who changed it: STAFF, CUSTOMER, SMS_REPLY, IMPORT"}, "changedAt": DT},
    {"customerId": CID, "branchId": "JS-NJ-01", "preferredLanguage": "zh-CN", "consents": {"SMS": True, "EMAIL": True, "LETTER": False, "PHONE": True},
     "preferredChannels": ["SMS", "PHONE"], "source": "STAFF", "changedAt": NOW}),
  "dealer.customers.CustomerClassified.v1": ("A customer's class changed (CUS-3), with the explanation (CUS-10).",
    {"customerId": S, "branchId": S, "previousClass": {"oneOf": [CLASS, {"type": "null"}]}, "newClass": CLASS, "ruleVersion": S,
     "windowStart": DATE, "windowEnd": DATE, "purchaseAmountFen": FEN, "purchaseCount": INT, "classifiedAt": DT},
    {"customerId": CID, "branchId": "JS-NJ-01", "previousClass": "FIRST_CLASS", "newClass": "VIP", "ruleVersion": "2026-01-01",
     "windowStart": "2025-11-21", "windowEnd": "2026-11-20", "purchaseAmountFen": 120000000, "purchaseCount": 4, "classifiedAt": NOW}),
  "dealer.customers.CustomersMerged.v1": ("Two files of the same customer were merged (CUS-6); the merged-away id now points to the surviving one. Key = survivingCustomerId.",
    {"survivingCustomerId": S, "mergedCustomerId": S, "branchId": S, "mergedAt": DT},
    {"survivingCustomerId": CID, "mergedCustomerId": "0193a1b2-7c4d-7e5f-8a6b-1c2d3e4f5a99", "branchId": "JS-NJ-01", "mergedAt": NOW}),
  "dealer.customers.CustomerErased.v1": ("The customer's personal data were erased on their request (SEC-9, PIPL). Carries no personal data. Every service that keeps a copy of the customer's contact details blanks it (replicas, copied names, addresses and rendered texts), keeps the non-personal facts (amounts, models, branch, dates, statuses) and from then on ignores contact details in older events of this customer (a late or replayed CustomerRegistered / CustomerUpdated). The consent ledger keeps its history (NOT-7) and records that no channel is allowed any more. Idempotent for consumers: a redelivery changes nothing. Key = customerId.",
    {"customerId": S, "branchId": S, "erasedAt": DT},
    {"customerId": CID, "branchId": "JS-NJ-01", "erasedAt": NOW}),
  "dealer.customers.CustomerFileOverdue.v1": ("A customer file was not complete two days after the visit that created it (CUS-2).",
    {"customerId": S, "branchId": S, "visitDate": DATE, "deadline": DT, "missing": ARR(S)},
    {"customerId": CID, "branchId": "JS-NJ-01", "visitDate": "2026-11-20", "deadline": "2026-11-22T16:00:00Z", "missing": ["address", "vehicles"]}),
  "dealer.customers.CustomerServiceGranted.v1": ("Staff of another branch looked the customer up by exact mobile or VIN to serve them (INT-1); the serving branch may use the customer in one transaction of the kind `purpose` (SALE or VISIT: honoured by sales-service only; WORK_ORDER: by aftersales-service only) until `expiresAt`. The lookup is audited in customer-service. Replicas keep the grant (key: serving branch + customer + purpose); the first command of that kind that uses it consumes it. Consumers accept that transaction's effects on the customer (INT-2). `purpose` is an additive field: customer-service always sends it; a grant without it (from before the field existed) is honoured by no service.",
    {"customerId": S, "branchId": {"type": "string", "minLength": 1, "description": "the customer's own branch"},
     "servingBranchId": {"type": "string", "minLength": 1, "description": "the branch granted one transaction"},
     "purpose": {"type": ["string", "null"], "pattern": "^(SALE|VISIT|WORK_ORDER)$",
                 "description": "the one transaction granted: SALE, VISIT (sales-service) or WORK_ORDER (aftersales-service)"},
     "grantId": S, "lookupKey": {"enum": ["mobile", "vin"]}, "grantedBy": S, "grantedAt": DT, "expiresAt": DT},
    {"customerId": CID, "branchId": "JS-NJ-01", "servingBranchId": "ZJ-HZ-01", "purpose": "SALE", "grantId": "0193a1b2-7c4d-7e5f-8a6b-1c2d3e4f5a99",
     "lookupKey": "mobile", "grantedBy": "bob", "grantedAt": NOW, "expiresAt": "2026-11-20T02:45:30Z"}),
  # ---------------- sales-service (topic sales.sale.events, key = saleId) ----------------
  "dealer.sales.SaleRecorded.v1": ("A vehicle sale was recorded (SAL-1) with shared credit (SAL-11).",
    {"saleId": S, "branchId": S, "regionId": S, "customerId": S, "salespeople": ARR(CREDIT), "vehicle": VEHICLE, "segment": SEGMENT,
     "amountFen": FEN, "saleDate": DATE, "recordedAt": DT},
    {"saleId": SALE, "branchId": "JS-NJ-01", "regionId": "JIANGSU", "customerId": CID,
     "salespeople": [{"salespersonId": "sp-li", "sharePercent": 60}, {"salespersonId": "sp-zhao", "sharePercent": 40}],
     "vehicle": {"vin": VIN1, "model": "Passat 330TSI", "category": "PASSENGER_CAR", "plate": None}, "segment": "INDIVIDUAL",
     "amountFen": 25980000, "saleDate": "2026-11-20", "recordedAt": NOW}),
  "dealer.sales.SaleCancelled.v1": ("A sale was cancelled (SAL-1); figures that counted it must un-count it.",
    {"saleId": S, "branchId": S, "regionId": S, "customerId": S, "amountFen": FEN, "saleDate": DATE, "reason": S, "cancelledAt": DT},
    {"saleId": SALE, "branchId": "JS-NJ-01", "regionId": "JIANGSU", "customerId": CID, "amountFen": 25980000, "saleDate": "2026-11-20",
     "reason": "customer withdrew", "cancelledAt": NOW}),
  "dealer.sales.SaleCorrected.v1": ("A sale was corrected (SAL-1): full new values plus the previous ones, with the reason.",
    {"saleId": S, "branchId": S, "regionId": S, "customerId": S, "salespeople": ARR(CREDIT), "vehicle": VEHICLE, "segment": SEGMENT,
     "amountFen": FEN, "saleDate": DATE, "previousAmountFen": FEN, "previousSaleDate": DATE, "reason": S, "correctedAt": DT},
    {"saleId": SALE, "branchId": "JS-NJ-01", "regionId": "JIANGSU", "customerId": CID,
     "salespeople": [{"salespersonId": "sp-li", "sharePercent": 100}],
     "vehicle": {"vin": VIN1, "model": "Passat 330TSI", "category": "PASSENGER_CAR", "plate": "苏A12345"}, "segment": "INDIVIDUAL",
     "amountFen": 24980000, "saleDate": "2026-11-20", "previousAmountFen": 25980000, "previousSaleDate": "2026-11-20",
     "reason": "discount applied late", "correctedAt": NOW}),
  # ---------------- sales-service (topic sales.catalogue.events, key = modelId) ----------------
  "dealer.sales.VehicleModelChanged.v1": ("HQ added or changed a model of the vehicle model catalogue, or the alias spellings that mean it (SAL-12); carries the model's full current details, so consumers keep a replica (customer-service and aftersales-service resolve customer vehicles and walk-in work orders through it). Sales, customer vehicles and serviced vehicles name the model by `modelId`; the category is the CUS-4 dimension of every figure.",
    {"modelId": S, "brand": S, "series": S, "name": S, "category": CATEGORY,
     "aliases": {"type": ["array", "null"], "items": S, "description": "the free-text spellings HQ mapped to this model (its whole current list; absent in events from before aliases were published): consumers resolve a model by id or alias as sales does"},
     "changedAt": DT},
    {"modelId": "Sinotruk sprinkler 12t", "brand": "Sinotruk", "series": "Sprinkler", "name": "Sinotruk sprinkler 12t",
     "category": "SPRINKLER", "aliases": ["Sprinkler", "洒水车"], "changedAt": NOW}),
  # ---------------- sales-service (topic sales.organisation.events, key = salespersonId) ----------------
  "dealer.sales.SalespersonDeactivated.v1": ("A salesperson left their branch (UI-3); `successorId`, another active salesperson of the same branch, took over their open leads (with the follow-up calls those carry) and planned visits in sales-service, in the same command. Other services that keep work per salesperson hand it to the successor on this event, idempotently (a redelivery finds nothing left to move): customer-service hands over the customer files the salesperson looked after (their consultant). Published again only if the salesperson was taken on again and left once more.",
    {"salespersonId": S, "branchId": S, "successorId": S, "deactivatedBy": S, "deactivatedAt": DT},
    {"salespersonId": "sp-li", "branchId": "JS-NJ-01", "successorId": "sp-zhao", "deactivatedBy": "nj-manager", "deactivatedAt": NOW}),
  # ---------------- aftersales-service (topic aftersales.vehicle.events, key = vin; aftersales.campaign.events, key = campaignId) ----------------
  "dealer.aftersales.MaintenanceRecorded.v1": ("A work order of any job type was completed (AFT-1); carries its job type and the next due date computed after it (AFT-2: only a maintenance restarts the cycle).",
    {"workOrderId": S, "vin": VIN, "customerId": S_OPT, "branchId": S, "jobType": JOB_TYPE, "serviceDate": DATE, "mileageKm": INT,
     "items": ARR(S), "partsFen": FEN, "labourFen": FEN, "technician": S_OPT, "nextDueDate": DATE_OPT, "nextDueMileageKm": INT_OPT, "recordedAt": DT},
    {"workOrderId": "wo-2026-0001", "vin": VIN1, "customerId": CID, "branchId": "JS-NJ-01", "jobType": "MAINTENANCE", "serviceDate": "2026-11-20", "mileageKm": 5120,
     "items": ["oil change", "filter"], "partsFen": 45000, "labourFen": 20000, "technician": "tech-chen", "nextDueDate": "2027-11-20",
     "nextDueMileageKm": 15120, "recordedAt": NOW}),
  "dealer.aftersales.MaintenanceDue.v1": ("A vehicle's scheduled maintenance is due soon (AFT-3); published once per vehicle and due date. Reason key maintenance-due:<vin>:<dueDate>.",
    {"vin": VIN, "customerId": S, "branchId": S, "dueDate": DATE, "dueMileageKm": INT_OPT, "model": S_OPT, "reasonKey": S},
    {"vin": VIN1, "customerId": CID, "branchId": "JS-NJ-01", "dueDate": "2027-11-20", "dueMileageKm": 15120, "model": "Passat 330TSI",
     "reasonKey": "maintenance-due:1HGCM82633A004352:2027-11-20"}),
  "dealer.aftersales.CampaignInvitationRequested.v1": ("A launched campaign invites one customer (AFT-4, AFT-6, AFT-8). Reason key campaign:<campaignId>:<customerId>.",
    {"campaignId": S, "customerId": S, "branchId": S, "campaignName": S, "content": S, "startDate": DATE, "endDate": DATE, "address": S,
     "vin": {"type": ["string", "null"]}, "reasonKey": S},
    {"campaignId": "camp-2026-12-free-test", "customerId": CID, "branchId": "JS-NJ-01", "campaignName": "免费检测周",
     "content": "Free 30-point inspection and winter check", "startDate": "2026-12-07", "endDate": "2026-12-13", "address": "南京市江宁区汽车城路8号",
     "vin": VIN1, "reasonKey": "campaign:camp-2026-12-free-test:" + CID}),
  "dealer.aftersales.CampaignInvitationRequested.v2": ("A launch job invites one customer (AFT-4, AFT-6, AFT-8, issue 10): the invitation is its own record (key = invitation id "
    "<campaignId>:<customerId>) and names the campaign instead of carrying its content, which CampaignLaunched carries once. Reason key campaign:<campaignId>:<customerId>. "
    "Produced instead of v1; consumers read both.",
    {"campaignId": S, "customerId": S, "branchId": S, "vin": {"type": ["string", "null"]}, "reasonKey": S, "launchId": S_OPT},
    {"campaignId": "camp-2026-12-free-test", "customerId": CID, "branchId": "JS-NJ-01", "vin": VIN1,
     "reasonKey": "campaign:camp-2026-12-free-test:" + CID, "launchId": "launch-0193a1c0-2222-7aaa-8bbb-000000000001"}),
  "dealer.aftersales.CampaignLaunched.v1": ("A campaign was launched for the first time (AFT-4, issue 10): its content, name, period, address and invitation channels, once per "
    "campaign (key = campaign id). Consumers of CampaignInvitationRequested.v2 keep it to render invitations.",
    {"campaignId": S, "branchId": S, "type": S, "campaignName": S, "content": S, "startDate": DATE, "endDate": DATE, "address": S,
     "channels": ARR(CHANNEL), "launchedAt": DT},
    {"campaignId": "camp-2026-12-free-test", "branchId": "JS-NJ-01", "type": "FREE_TESTING_WEEK", "campaignName": "免费检测周",
     "content": "Free 30-point inspection and winter check", "startDate": "2026-12-07", "endDate": "2026-12-13", "address": "南京市江宁区汽车城路8号",
     "channels": ["SMS", "EMAIL", "LETTER"], "launchedAt": NOW}),
  "dealer.aftersales.FollowUpCallDue.v1": ("A return-visit call is due after a service (AFT-5).",
    {"callId": S, "workOrderId": S, "customerId": S, "branchId": S, "vin": VIN, "dueDate": DATE},
    {"callId": "call-wo-2026-0001", "workOrderId": "wo-2026-0001", "customerId": CID, "branchId": "JS-NJ-01", "vin": VIN1, "dueDate": "2026-11-23"}),
  "dealer.aftersales.FollowUpCompleted.v1": ("A return-visit call was recorded (AFT-5).",
    {"callId": S, "customerId": S, "branchId": S, "satisfaction": {"type": "integer", "minimum": 1, "maximum": 5}, "carUse": S_OPT,
     "newRequests": S_OPT, "complaint": S_OPT, "completedAt": DT},
    {"callId": "call-wo-2026-0001", "customerId": CID, "branchId": "JS-NJ-01", "satisfaction": 2, "carUse": "daily commute",
     "newRequests": "tyre change in winter", "complaint": "waited two hours", "completedAt": NOW}),
  "dealer.aftersales.ComplaintRaised.v1": ("A satisfaction score of 2 or less, or complaint text recorded on the call, raised a complaint for the branch manager (AFT-5).",
    {"complaintId": S, "callId": S, "customerId": S, "branchId": S, "satisfaction": INT, "text": S_OPT, "raisedAt": DT},
    {"complaintId": "cmp-call-wo-2026-0001", "callId": "call-wo-2026-0001", "customerId": CID, "branchId": "JS-NJ-01", "satisfaction": 2,
     "text": "waited two hours", "raisedAt": NOW}),
  # ---------------- notification-service (topic notifications.notification.events, key = notificationId) ----------------
  "dealer.notifications.NotificationSent.v1": ("A notification was handed to a provider or staff (NOT-5, NOT-6).",
    {"notificationId": S, "reasonKey": S, "customerId": S, "branchId": S, "channel": CHANNEL, "purpose": {"enum": ["MAINTENANCE_DUE", "CAMPAIGN_INVITATION", "FOLLOW_UP_CALL", "OTHER"]},
     "provider": S_OPT, "sentAt": DT},
    {"notificationId": "ntf-0001", "reasonKey": "maintenance-due:1HGCM82633A004352:2027-11-20", "customerId": CID, "branchId": "JS-NJ-01",
     "channel": "SMS", "purpose": "MAINTENANCE_DUE", "provider": "sms-primary", "sentAt": NOW}),
  "dealer.notifications.NotificationDelivered.v1": ("A provider confirmed delivery (NOT-5).",
    {"notificationId": S, "reasonKey": S, "customerId": S, "branchId": S, "channel": CHANNEL, "deliveredAt": DT},
    {"notificationId": "ntf-0001", "reasonKey": "maintenance-due:1HGCM82633A004352:2027-11-20", "customerId": CID, "branchId": "JS-NJ-01",
     "channel": "SMS", "deliveredAt": NOW}),
  "dealer.notifications.NotificationFailed.v1": ("A notification failed or bounced for good, after retries and failover (NOT-5).",
    {"notificationId": S, "reasonKey": S, "customerId": S, "branchId": S, "channel": CHANNEL, "status": {"enum": ["FAILED", "BOUNCED", "SUPPRESSED"]},
     "reason": S, "failedAt": DT},
    {"notificationId": "ntf-0002", "reasonKey": "campaign:camp-2026-12-free-test:" + CID, "customerId": CID, "branchId": "JS-NJ-01",
     "channel": "EMAIL", "status": "BOUNCED", "reason": "mailbox does not exist", "failedAt": NOW}),
  "dealer.notifications.OptOutReceived.v1": ("A customer replied to opt out (e.g. TD, STOP); customer-service revokes the consent (NOT-7). Key = customerId.",
    {"customerId": S, "branchId": S, "channel": CHANNEL, "keyword": S, "from": S, "receivedAt": DT},
    {"customerId": CID, "branchId": "JS-NJ-01", "channel": "SMS", "keyword": "TD", "from": "13812345678", "receivedAt": NOW}),
}

TOPICS = {"customers": "customers.customer.events", "sales": "sales.sale.events",
          "aftersales": "aftersales.vehicle.events", "notifications": "notifications.notification.events"}
TOPIC_OVERRIDES = {"VehicleModelChanged": "sales.catalogue.events", "SalespersonDeactivated": "sales.organisation.events", "CampaignInvitationRequested": "aftersales.campaign.events", "CampaignLaunched": "aftersales.campaign.events", "FollowUpCallDue": "aftersales.followup.events",
                   "FollowUpCompleted": "aftersales.followup.events", "ComplaintRaised": "aftersales.followup.events"}


def topic_of(type_):
    """The topic an event type is published on: one topic per aggregate type, <service>.<aggregate>.events."""
    return TOPIC_OVERRIDES.get(type_.split('.')[2], TOPICS[type_.split('.')[1]])


def catalogue_markdown():
    lines = ["# Event catalogue", "", "Generated by `contracts/tools/catalogue.py` from the same table as the schemas; do not edit by hand.",
             "Envelope: see `envelope.md`. Money is integer fen. Every payload may gain optional fields (tolerant readers).", ""]
    for type_, (description, props, example) in EVENTS.items():
        lines += [f"## `{type_}`", "", description, "", f"Topic: `{topic_of(type_)}`", "", "| field | type |", "|---|---|"]
        for k, v in props.items():
            t = v.get("type") or ("enum " + "/".join(v["enum"]) if "enum" in v else "see schema")
            if isinstance(t, list):
                t = " or ".join(t)
            if "enum" in v:
                t = "one of " + ", ".join(v["enum"])
            lines.append(f"| `{k}` | {t} |")
        lines.append("")
    return "\n".join(lines) + "\n"


def main():
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, '..', 'EVENTS.md'), 'w', encoding='utf-8') as f:
        f.write(catalogue_markdown())
    for type_, (description, props, example) in EVENTS.items():
        name = type_.split('.')[2] + ' ' + type_.split('.')[3]
        schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": name, "description": description,
                  "type": "object", "required": list(props.keys()), "properties": props, "additionalProperties": True}
        # nullable fields are not required to be present
        schema["required"] = [k for k, v in props.items() if not (isinstance(v.get("type"), list) and "null" in v["type"]) and "oneOf" not in v]
        with open(os.path.join(OUT, type_ + '.schema.json'), 'w', encoding='utf-8') as f:
            json.dump(schema, f, ensure_ascii=False, indent=2)
            f.write('\n')
        with open(os.path.join(OUT, type_ + '.example.json'), 'w', encoding='utf-8') as f:
            json.dump(example, f, ensure_ascii=False, indent=2)
            f.write('\n')
    print(f"wrote {len(EVENTS)} contracts to {os.path.normpath(OUT)}")

if __name__ == '__main__':
    main()
