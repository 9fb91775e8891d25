#ifndef GANDIMAIL_SRC_RESOURCES_EMAIL_OFFER_H_
#define GANDIMAIL_SRC_RESOURCES_EMAIL_OFFER_H_

// resource "gandimail_email_offer": the domain-wide antispam and DKIM
// switches of a domain's email offer. The offer exists with the domain:
// creating the resource adopts it (and PATCHes it when the configuration
// asks for other switches); destroying it only forgets it.

#include <memory>

#include "internal/tfplugin/resource.h"
#include "src/api_source.h"

namespace gandimail::resources {

std::shared_ptr<tfplugin::Resource> NewEmailOfferResource(const ApiSource* api);

}  // namespace gandimail::resources

#endif  // GANDIMAIL_SRC_RESOURCES_EMAIL_OFFER_H_
