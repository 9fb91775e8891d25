#include "internal/goplugin/services.h"

namespace gandimail::goplugin {

void ShutdownLatch::Notify() {
  std::lock_guard<std::mutex> lock(mu_);
  notified_ = true;
  cv_.notify_all();
}

bool ShutdownLatch::IsNotified() const {
  std::lock_guard<std::mutex> lock(mu_);
  return notified_;
}

void ShutdownLatch::Wait() const {
  std::unique_lock<std::mutex> lock(mu_);
  cv_.wait(lock, [this] { return notified_; });
}

bool ShutdownLatch::WaitFor(absl::Duration timeout) const {
  std::unique_lock<std::mutex> lock(mu_);
  return cv_.wait_for(lock, absl::ToChronoNanoseconds(timeout),
                      [this] { return notified_; });
}

grpc::Status ControllerService::Shutdown(grpc::ServerContext* context,
                                         const plugin::Empty* request,
                                         plugin::Empty* response) {
  if (!ignore_shutdown_) latch_->Notify();
  return grpc::Status::OK;
}

grpc::Status StdioService::StreamStdio(
    grpc::ServerContext* context, const google::protobuf::Empty* request,
    grpc::ServerWriter<plugin::StdioData>* writer) {
  // Polling the cancel flag keeps the stream from outliving its client;
  // the latch ends it at once on shutdown.
  while (!context->IsCancelled()) {
    if (latch_->WaitFor(absl::Milliseconds(200))) break;
  }
  return grpc::Status::OK;
}

grpc::Status BrokerService::StartStream(
    grpc::ServerContext* context,
    grpc::ServerReaderWriter<plugin::ConnInfo, plugin::ConnInfo>* stream) {
  plugin::ConnInfo ignored;
  while (stream->Read(&ignored)) {
  }
  return grpc::Status::OK;
}

}  // namespace gandimail::goplugin
