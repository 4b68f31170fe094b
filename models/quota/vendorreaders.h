#pragma once

#include "headerreader.h"

// Vendor formats no family row can describe: the resource is part of the header name, or
// several values share one field in a grammar of the vendor's own (not Structured Fields).
namespace VendorReaders {

// `x-ms-ratelimit-remaining-*`, and the resource-provider policy list
// `Microsoft.Compute/GetVMScaleSet3Min;197,…30Min;1297`.
void readAzure(HeaderReader &reader);
// `zendesk-ratelimit-<name>: total=100; remaining=99; resets=41`.
void readZendesk(HeaderReader &reader);
// `X-Shopify-Shop-Api-Call-Limit: used/bucket`.
void readShopify(HeaderReader &reader);
// Discord's route bucket, and its global limit as a quota of its own (`global`) when a 429
// says the global limit refused (`X-RateLimit-Global: true` or `X-RateLimit-Scope: global`).
void readDiscord(HeaderReader &reader);
// `Stripe-Rate-Limited-Reason`: the reason is the resource of a quota with no counts.
void readStripe(HeaderReader &reader);

} // namespace VendorReaders
