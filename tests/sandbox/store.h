// Thread-safe holder of the sandbox's World, with eventual visibility.
//
// There is one committed world (the real state) and, with a visibility
// delay, a queue of later snapshots waiting to be shown. API reads see the
// newest snapshot whose delay has passed; API writes are judged against, and
// applied to, the committed world, and their effect shows to reads only after
// the delay. So a second write that conflicts with an earlier, not yet
// visible one is refused, as on a real eventually consistent service.
#ifndef GANDIMAIL_TESTS_SANDBOX_STORE_H_
#define GANDIMAIL_TESTS_SANDBOX_STORE_H_

#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <utility>

#include "absl/time/time.h"
#include "tests/sandbox/model.h"

namespace gandimail::sandbox {

class Store {
 public:
  // `seed` is the state that Reset() returns to.
  Store(World seed, absl::Duration visibility_delay);

  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // The world as API reads see it now. Never null; immutable.
  std::shared_ptr<const World> Visible();

  // The real state, including writes not visible yet.
  std::shared_ptr<const World> Committed();

  // Runs `write` on a copy of the committed world, under the write lock (so
  // writes are serialised). When it returns true the copy becomes the
  // committed world, visible to reads after the delay; when false nothing
  // changes. `write` must not call back into the Store.
  void Write(const std::function<bool(World&)>& write);

  // Adds the domain that `make` builds (it may take slot ids from
  // *next_slot_id) to the committed world, the visible one and every
  // pending snapshot at once: a control-API domain must not wait behind the
  // visibility delay, nor vanish when an older snapshot is shown. Returns
  // false, calling nothing, when a domain of that name exists.
  bool AddDomain(const std::string& name,
                 const std::function<Domain(int64_t* next_slot_id)>& make);

  // Drops pending snapshots and returns to the seed.
  void Reset();

 private:
  // Moves snapshots whose time has come into visible_. Needs mu_ held.
  void PromoteLocked(absl::Time now);

  const World seed_;
  const absl::Duration delay_;

  std::mutex mu_;
  std::shared_ptr<const World> committed_;  // Guarded by mu_.
  std::shared_ptr<const World> visible_;    // Guarded by mu_.
  // Snapshots and the time each becomes visible, oldest first.
  std::deque<std::pair<absl::Time, std::shared_ptr<const World>>>
      pending_;  // Guarded by mu_.
};

}  // namespace gandimail::sandbox

#endif  // GANDIMAIL_TESTS_SANDBOX_STORE_H_
