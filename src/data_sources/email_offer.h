#ifndef GANDIMAIL_SRC_DATA_SOURCES_EMAIL_OFFER_H_
#define GANDIMAIL_SRC_DATA_SOURCES_EMAIL_OFFER_H_

#include <memory>

#include "internal/tfplugin/resource.h"
#include "src/api_source.h"

namespace gandimail::data_sources {

// data "gandimail_email_offer": a domain's email offer and its switches.
std::shared_ptr<tfplugin::DataSource> NewEmailOfferDataSource(
    const ApiSource* api);

}  // namespace gandimail::data_sources

#endif  // GANDIMAIL_SRC_DATA_SOURCES_EMAIL_OFFER_H_
