#include "tests/sandbox/store.h"

#include "absl/time/clock.h"

namespace gandimail::sandbox {

Store::Store(World seed, absl::Duration visibility_delay)
    : seed_(std::move(seed)), delay_(visibility_delay) {
  committed_ = std::make_shared<const World>(seed_);
  visible_ = committed_;
}

std::shared_ptr<const World> Store::Visible() {
  std::lock_guard<std::mutex> lock(mu_);
  if (!pending_.empty()) PromoteLocked(absl::Now());
  return visible_;
}

std::shared_ptr<const World> Store::Committed() {
  std::lock_guard<std::mutex> lock(mu_);
  return committed_;
}

void Store::Write(const std::function<bool(World&)>& write) {
  std::lock_guard<std::mutex> lock(mu_);
  auto next = std::make_shared<World>(*committed_);
  if (!write(*next)) return;

  committed_ = next;
  if (delay_ <= absl::ZeroDuration()) {
    visible_ = committed_;
    return;
  }
  pending_.emplace_back(absl::Now() + delay_, committed_);
}

bool Store::AddDomain(
    const std::string& name,
    const std::function<Domain(int64_t* next_slot_id)>& make) {
  std::lock_guard<std::mutex> lock(mu_);
  if (committed_->Find(name) != nullptr) return false;

  int64_t next_slot_id = committed_->next_slot_id;
  auto domain = std::make_shared<const Domain>(make(&next_slot_id));
  auto add = [&](std::shared_ptr<const World>& w) {
    auto copy = std::make_shared<World>(*w);
    copy->domains[name] = domain;
    copy->next_slot_id = std::max(copy->next_slot_id, next_slot_id);
    w = copy;
  };

  bool visible_is_committed = visible_ == committed_;
  add(committed_);
  if (visible_is_committed) {
    visible_ = committed_;
  } else {
    add(visible_);
  }
  // The newest pending snapshot is the committed world itself.
  for (size_t i = 0; i + 1 < pending_.size(); ++i) add(pending_[i].second);
  if (!pending_.empty()) pending_.back().second = committed_;
  return true;
}

void Store::Reset() {
  std::lock_guard<std::mutex> lock(mu_);
  committed_ = std::make_shared<const World>(seed_);
  visible_ = committed_;
  pending_.clear();
}

void Store::PromoteLocked(absl::Time now) {
  while (!pending_.empty() && pending_.front().first <= now) {
    visible_ = pending_.front().second;
    pending_.pop_front();
  }
}

}  // namespace gandimail::sandbox
