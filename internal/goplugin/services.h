#ifndef GANDIMAIL_INTERNAL_GOPLUGIN_SERVICES_H_
#define GANDIMAIL_INTERNAL_GOPLUGIN_SERVICES_H_

// The go-plugin services a plugin server registers beside its own:
// the controller (Shutdown), the stdio stream and the broker.

#include <grpcpp/grpcpp.h>

#include <condition_variable>
#include <mutex>

#include "absl/time/time.h"
#include "plugin/grpc_broker.grpc.pb.h"
#include "plugin/grpc_controller.grpc.pb.h"
#include "plugin/grpc_stdio.grpc.pb.h"

namespace gandimail::goplugin {

// A one-way latch: once notified it stays notified. Thread-safe.
class ShutdownLatch {
 public:
  void Notify();
  bool IsNotified() const;
  void Wait() const;
  // Returns true when notified within `timeout`.
  bool WaitFor(absl::Duration timeout) const;

 private:
  mutable std::mutex mu_;
  mutable std::condition_variable cv_;
  bool notified_ = false;  // Guarded by mu_.
};

// Answers GRPCController.Shutdown and then notifies `latch`, so that the
// serving thread, not the handler, stops the server (a handler that stops
// its own server deadlocks). With `ignore_shutdown` (debug mode, where one
// process serves many Terraform runs) the call is answered and ignored.
class ControllerService final : public plugin::GRPCController::Service {
 public:
  ControllerService(ShutdownLatch* latch, bool ignore_shutdown)
      : latch_(latch), ignore_shutdown_(ignore_shutdown) {}

  grpc::Status Shutdown(grpc::ServerContext* context,
                        const plugin::Empty* request,
                        plugin::Empty* response) override;

 private:
  ShutdownLatch* latch_;
  bool ignore_shutdown_;
};

// Holds Terraform's stdio stream open without sending anything: the
// provider never writes to its stdout, and its logs go to stderr, which
// Terraform reads directly. The stream ends at shutdown or cancel.
class StdioService final : public plugin::GRPCStdio::Service {
 public:
  explicit StdioService(const ShutdownLatch* latch) : latch_(latch) {}

  grpc::Status StreamStdio(
      grpc::ServerContext* context, const google::protobuf::Empty* request,
      grpc::ServerWriter<plugin::StdioData>* writer) override;

 private:
  const ShutdownLatch* latch_;
};

// Only provisioners use the broker; a provider accepts the stream and
// drains it so a client that opens one is not refused.
class BrokerService final : public plugin::GRPCBroker::Service {
 public:
  grpc::Status StartStream(
      grpc::ServerContext* context,
      grpc::ServerReaderWriter<plugin::ConnInfo, plugin::ConnInfo>* stream)
      override;
};

}  // namespace gandimail::goplugin

#endif  // GANDIMAIL_INTERNAL_GOPLUGIN_SERVICES_H_
